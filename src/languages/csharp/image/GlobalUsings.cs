// The implicit usings of a .NET console project, so a single file of top-level statements
// compiles as it does under `dotnet run app.cs`.
global using global::System;
global using global::System.Collections.Generic;
global using global::System.IO;
global using global::System.Linq;
global using global::System.Net.Http;
global using global::System.Threading;
global using global::System.Threading.Tasks;
