// The resident C# compiler (see src/services/sandbox/resident-compiler.ts): Roslyn, loaded once and kept
// warm, in a locked-down container of its own. It reads one JSON request per line on stdin,
// {"id":1,"path":"Program.cs","source":"..."}, compiles it with the same references, options and
// global usings as sandbox-csharp (../bin), and answers one JSON line on stdout:
// {"id":1,"ok":true,"assembly":"<base64>","log":""} or {"id":1,"ok":false,"log":"<diagnostics>"}.
// It never runs what it compiles. The log reads as csc's does: the same diagnostics, formatted by
// the same formatter, reported stage by stage (syntax, then declarations, then the rest).
#nullable enable
using System.Text.Json;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

// Started with the settings folder of one .NET version (such as /opt/sandbox/languages/csharp/8):
// its references; packages and global usings are shared by every version, one folder up.
var versionSettings = args[0];
var settings = Path.GetDirectoryName(versionSettings.TrimEnd('/'))!;

var parseOptions = CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Latest);
var compilationOptions = new CSharpCompilationOptions(OutputKind.ConsoleApplication, optimizationLevel: OptimizationLevel.Release);
var references = new[] { Path.Combine(versionSettings, "csc.rsp"), Path.Combine(settings, "packages.rsp") }
    .Where(File.Exists)
    .SelectMany(File.ReadAllLines)
    .Where(line => line.StartsWith("-r:"))
    .Select(line => (MetadataReference)MetadataReference.CreateFromFile(line[3..]))
    .ToList();
var globalUsingsPath = Path.Combine(settings, "GlobalUsings.cs");
var globalUsings = CSharpSyntaxTree.ParseText(File.ReadAllText(globalUsingsPath), parseOptions, globalUsingsPath);

var output = Console.OpenStandardOutput();
void Answer(object answer)
{
    var line = JsonSerializer.SerializeToUtf8Bytes(answer);
    output.Write(line);
    output.WriteByte((byte)'\n');
    output.Flush();
}

(bool ok, byte[]? assembly, string log) Compile(string path, string source)
{
    var log = new StringWriter();
    var reported = new HashSet<Diagnostic>();
    bool Report(IEnumerable<Diagnostic> diagnostics)
    {
        var errors = false;
        foreach (var diagnostic in diagnostics)
        {
            // Emit's diagnostics repeat the earlier stages' ones: each is reported once, as csc does.
            if (!reported.Add(diagnostic)) continue;
            if (diagnostic.IsSuppressed || diagnostic.Severity < DiagnosticSeverity.Warning) continue;
            log.WriteLine(diagnostic.ToString());
            errors |= diagnostic.Severity == DiagnosticSeverity.Error;
        }
        return errors;
    }
    var tree = CSharpSyntaxTree.ParseText(source, parseOptions, path);
    var compilation = CSharpCompilation.Create("app", new[] { globalUsings, tree }, references, compilationOptions);
    if (Report(compilation.GetParseDiagnostics())) return (false, null, log.ToString());
    if (Report(compilation.GetDeclarationDiagnostics())) return (false, null, log.ToString());
    using var image = new MemoryStream();
    var emitted = compilation.Emit(image);
    var failed = Report(emitted.Diagnostics) || !emitted.Success;
    return failed ? (false, null, log.ToString()) : (true, image.ToArray(), log.ToString());
}

// A first compile loads and JITs Roslyn, so that the first real request finds it warm.
Compile("Program.cs", "System.Console.WriteLine();");
Answer(new { ready = true });

var input = new StreamReader(Console.OpenStandardInput());
while (input.ReadLine() is { } line)
{
    long id = 0;
    try
    {
        var request = JsonDocument.Parse(line).RootElement;
        id = request.GetProperty("id").GetInt64();
        var (ok, assembly, log) = Compile(request.GetProperty("path").GetString()!, request.GetProperty("source").GetString()!);
        Answer(new { id, ok, assembly = assembly is null ? null : Convert.ToBase64String(assembly), log });
    }
    catch (Exception error)
    {
        // The server falls back to compiling in the sandbox: a request never fails because of us.
        Answer(new { id, error = error.Message });
    }
}
