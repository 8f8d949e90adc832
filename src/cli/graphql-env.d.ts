/* eslint-disable */
/* prettier-ignore */

export type introspection_types = {
  ApiKey: {
    kind: "OBJECT";
    name: "ApiKey";
    fields: {
      createdAt: {
        name: "createdAt";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "SCALAR"; name: "DateTime"; ofType: null } };
      };
      id: { name: "id"; type: { kind: "NON_NULL"; name: never; ofType: { kind: "SCALAR"; name: "ID"; ofType: null } } };
      lastUsedAt: { name: "lastUsedAt"; type: { kind: "SCALAR"; name: "DateTime"; ofType: null } };
      name: {
        name: "name";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "SCALAR"; name: "String"; ofType: null } };
      };
      network: { name: "network"; type: { kind: "SCALAR"; name: "Boolean"; ofType: null } };
      principalId: {
        name: "principalId";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "SCALAR"; name: "ID"; ofType: null } };
      };
      quotas: {
        name: "quotas";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "OBJECT"; name: "Quotas"; ofType: null } };
      };
      revokedAt: { name: "revokedAt"; type: { kind: "SCALAR"; name: "DateTime"; ofType: null } };
      role: {
        name: "role";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "ENUM"; name: "Role"; ofType: null } };
      };
    };
  };
  Boolean: unknown;
  BuildLogLine: {
    kind: "OBJECT";
    name: "BuildLogLine";
    fields: {
      at: {
        name: "at";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "SCALAR"; name: "DateTime"; ofType: null } };
      };
      error: { name: "error"; type: { kind: "SCALAR"; name: "String"; ofType: null } };
      final: {
        name: "final";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "SCALAR"; name: "Boolean"; ofType: null } };
      };
      line: {
        name: "line";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "SCALAR"; name: "String"; ofType: null } };
      };
      seq: {
        name: "seq";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "SCALAR"; name: "Int"; ofType: null } };
      };
      status: { name: "status"; type: { kind: "ENUM"; name: "JobStatus"; ofType: null } };
    };
  };
  Caller: {
    kind: "OBJECT";
    name: "Caller";
    fields: {
      name: {
        name: "name";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "SCALAR"; name: "String"; ofType: null } };
      };
      network: {
        name: "network";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "SCALAR"; name: "Boolean"; ofType: null } };
      };
      principalId: {
        name: "principalId";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "SCALAR"; name: "ID"; ofType: null } };
      };
      quotas: {
        name: "quotas";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "OBJECT"; name: "Quotas"; ofType: null } };
      };
      role: {
        name: "role";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "ENUM"; name: "Role"; ofType: null } };
      };
    };
  };
  CreateApiKeyInput: {
    kind: "INPUT_OBJECT";
    name: "CreateApiKeyInput";
    isOneOf: false;
    inputFields: [
      {
        name: "name";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "SCALAR"; name: "String"; ofType: null } };
        defaultValue: null;
      },
      { name: "network"; type: { kind: "SCALAR"; name: "Boolean"; ofType: null }; defaultValue: null },
      { name: "quotas"; type: { kind: "INPUT_OBJECT"; name: "QuotasInput"; ofType: null }; defaultValue: null },
      { name: "role"; type: { kind: "ENUM"; name: "Role"; ofType: null }; defaultValue: null },
    ];
  };
  CreateImageInput: {
    kind: "INPUT_OBJECT";
    name: "CreateImageInput";
    isOneOf: false;
    inputFields: [
      {
        name: "languages";
        type: {
          kind: "NON_NULL";
          name: never;
          ofType: {
            kind: "LIST";
            name: never;
            ofType: { kind: "NON_NULL"; name: never; ofType: { kind: "ENUM"; name: "Language"; ofType: null } };
          };
        };
        defaultValue: null;
      },
      {
        name: "name";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "SCALAR"; name: "String"; ofType: null } };
        defaultValue: null;
      },
      {
        name: "versions";
        type: {
          kind: "LIST";
          name: never;
          ofType: { kind: "NON_NULL"; name: never; ofType: { kind: "SCALAR"; name: "String"; ofType: null } };
        };
        defaultValue: null;
      },
    ];
  };
  CreatedApiKey: {
    kind: "OBJECT";
    name: "CreatedApiKey";
    fields: {
      apiKey: {
        name: "apiKey";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "OBJECT"; name: "ApiKey"; ofType: null } };
      };
      key: {
        name: "key";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "SCALAR"; name: "String"; ofType: null } };
      };
    };
  };
  DataDirUsage: {
    kind: "OBJECT";
    name: "DataDirUsage";
    fields: {
      bytes: {
        name: "bytes";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "SCALAR"; name: "Float"; ofType: null } };
      };
      measuredAt: {
        name: "measuredAt";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "SCALAR"; name: "DateTime"; ofType: null } };
      };
    };
  };
  DateTime: unknown;
  DockerDiskUsage: {
    kind: "OBJECT";
    name: "DockerDiskUsage";
    fields: {
      buildCacheBytes: {
        name: "buildCacheBytes";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "SCALAR"; name: "Float"; ofType: null } };
      };
      containersBytes: {
        name: "containersBytes";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "SCALAR"; name: "Float"; ofType: null } };
      };
      imagesBytes: {
        name: "imagesBytes";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "SCALAR"; name: "Float"; ofType: null } };
      };
      measuredAt: {
        name: "measuredAt";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "SCALAR"; name: "DateTime"; ofType: null } };
      };
      volumesBytes: {
        name: "volumesBytes";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "SCALAR"; name: "Float"; ofType: null } };
      };
    };
  };
  DockerStatus: {
    kind: "OBJECT";
    name: "DockerStatus";
    fields: {
      error: { name: "error"; type: { kind: "SCALAR"; name: "String"; ofType: null } };
      reachable: {
        name: "reachable";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "SCALAR"; name: "Boolean"; ofType: null } };
      };
      serverVersion: { name: "serverVersion"; type: { kind: "SCALAR"; name: "String"; ofType: null } };
    };
  };
  ExecuteFileInput: {
    kind: "INPUT_OBJECT";
    name: "ExecuteFileInput";
    isOneOf: false;
    inputFields: [
      {
        name: "args";
        type: {
          kind: "LIST";
          name: never;
          ofType: { kind: "NON_NULL"; name: never; ofType: { kind: "SCALAR"; name: "String"; ofType: null } };
        };
        defaultValue: null;
      },
      {
        name: "fileId";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "SCALAR"; name: "ID"; ofType: null } };
        defaultValue: null;
      },
      { name: "imageId"; type: { kind: "SCALAR"; name: "ID"; ofType: null }; defaultValue: null },
      { name: "isolation"; type: { kind: "ENUM"; name: "Isolation"; ofType: null }; defaultValue: null },
      { name: "language"; type: { kind: "ENUM"; name: "Language"; ofType: null }; defaultValue: null },
      { name: "limits"; type: { kind: "INPUT_OBJECT"; name: "LimitsInput"; ofType: null }; defaultValue: null },
      { name: "stdin"; type: { kind: "SCALAR"; name: "String"; ofType: null }; defaultValue: null },
      { name: "version"; type: { kind: "SCALAR"; name: "String"; ofType: null }; defaultValue: null },
      { name: "wait"; type: { kind: "SCALAR"; name: "Boolean"; ofType: null }; defaultValue: "true" },
    ];
  };
  ExecuteInput: {
    kind: "INPUT_OBJECT";
    name: "ExecuteInput";
    isOneOf: false;
    inputFields: [
      {
        name: "args";
        type: {
          kind: "LIST";
          name: never;
          ofType: { kind: "NON_NULL"; name: never; ofType: { kind: "SCALAR"; name: "String"; ofType: null } };
        };
        defaultValue: null;
      },
      {
        name: "code";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "SCALAR"; name: "String"; ofType: null } };
        defaultValue: null;
      },
      {
        name: "fileIds";
        type: {
          kind: "LIST";
          name: never;
          ofType: { kind: "NON_NULL"; name: never; ofType: { kind: "SCALAR"; name: "ID"; ofType: null } };
        };
        defaultValue: null;
      },
      { name: "imageId"; type: { kind: "SCALAR"; name: "ID"; ofType: null }; defaultValue: null },
      { name: "isolation"; type: { kind: "ENUM"; name: "Isolation"; ofType: null }; defaultValue: null },
      {
        name: "language";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "ENUM"; name: "Language"; ofType: null } };
        defaultValue: null;
      },
      { name: "limits"; type: { kind: "INPUT_OBJECT"; name: "LimitsInput"; ofType: null }; defaultValue: null },
      { name: "stdin"; type: { kind: "SCALAR"; name: "String"; ofType: null }; defaultValue: null },
      { name: "version"; type: { kind: "SCALAR"; name: "String"; ofType: null }; defaultValue: null },
      { name: "wait"; type: { kind: "SCALAR"; name: "Boolean"; ofType: null }; defaultValue: "true" },
    ];
  };
  Execution: {
    kind: "OBJECT";
    name: "Execution";
    fields: {
      createdAt: {
        name: "createdAt";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "SCALAR"; name: "DateTime"; ofType: null } };
      };
      durationMs: { name: "durationMs"; type: { kind: "SCALAR"; name: "Int"; ofType: null } };
      error: { name: "error"; type: { kind: "SCALAR"; name: "String"; ofType: null } };
      exitCode: { name: "exitCode"; type: { kind: "SCALAR"; name: "Int"; ofType: null } };
      file: { name: "file"; type: { kind: "OBJECT"; name: "StoredFile"; ofType: null } };
      finishedAt: { name: "finishedAt"; type: { kind: "SCALAR"; name: "DateTime"; ofType: null } };
      id: { name: "id"; type: { kind: "NON_NULL"; name: never; ofType: { kind: "SCALAR"; name: "ID"; ofType: null } } };
      image: { name: "image"; type: { kind: "OBJECT"; name: "Image"; ofType: null } };
      isolation: {
        name: "isolation";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "ENUM"; name: "Isolation"; ofType: null } };
      };
      language: {
        name: "language";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "ENUM"; name: "Language"; ofType: null } };
      };
      limits: {
        name: "limits";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "OBJECT"; name: "Limits"; ofType: null } };
      };
      outputTruncated: {
        name: "outputTruncated";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "SCALAR"; name: "Boolean"; ofType: null } };
      };
      ownerId: { name: "ownerId"; type: { kind: "SCALAR"; name: "ID"; ofType: null } };
      runtimeVersion: { name: "runtimeVersion"; type: { kind: "SCALAR"; name: "String"; ofType: null } };
      startedAt: { name: "startedAt"; type: { kind: "SCALAR"; name: "DateTime"; ofType: null } };
      status: {
        name: "status";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "ENUM"; name: "ExecutionStatus"; ofType: null } };
      };
      stderr: {
        name: "stderr";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "SCALAR"; name: "String"; ofType: null } };
      };
      stdout: {
        name: "stdout";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "SCALAR"; name: "String"; ofType: null } };
      };
      usage: { name: "usage"; type: { kind: "OBJECT"; name: "ResourceUsage"; ofType: null } };
      warnings: {
        name: "warnings";
        type: {
          kind: "NON_NULL";
          name: never;
          ofType: {
            kind: "LIST";
            name: never;
            ofType: { kind: "NON_NULL"; name: never; ofType: { kind: "SCALAR"; name: "String"; ofType: null } };
          };
        };
      };
    };
  };
  ExecutionConnection: {
    kind: "OBJECT";
    name: "ExecutionConnection";
    fields: {
      edges: {
        name: "edges";
        type: {
          kind: "NON_NULL";
          name: never;
          ofType: {
            kind: "LIST";
            name: never;
            ofType: { kind: "NON_NULL"; name: never; ofType: { kind: "OBJECT"; name: "ExecutionEdge"; ofType: null } };
          };
        };
      };
      pageInfo: {
        name: "pageInfo";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "OBJECT"; name: "PageInfo"; ofType: null } };
      };
      totalCount: {
        name: "totalCount";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "SCALAR"; name: "Int"; ofType: null } };
      };
    };
  };
  ExecutionEdge: {
    kind: "OBJECT";
    name: "ExecutionEdge";
    fields: {
      cursor: {
        name: "cursor";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "SCALAR"; name: "String"; ofType: null } };
      };
      node: {
        name: "node";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "OBJECT"; name: "Execution"; ofType: null } };
      };
    };
  };
  ExecutionEvent: {
    kind: "INTERFACE";
    name: "ExecutionEvent";
    fields: {
      at: {
        name: "at";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "SCALAR"; name: "DateTime"; ofType: null } };
      };
      executionId: {
        name: "executionId";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "SCALAR"; name: "ID"; ofType: null } };
      };
      seq: {
        name: "seq";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "SCALAR"; name: "Int"; ofType: null } };
      };
    };
    possibleTypes: "LogChunk" | "StatusChange";
  };
  ExecutionPolicy: {
    kind: "OBJECT";
    name: "ExecutionPolicy";
    fields: {
      defaults: {
        name: "defaults";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "OBJECT"; name: "Limits"; ofType: null } };
      };
      maxCodeBytes: {
        name: "maxCodeBytes";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "SCALAR"; name: "Int"; ofType: null } };
      };
      maxConcurrency: {
        name: "maxConcurrency";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "SCALAR"; name: "Int"; ofType: null } };
      };
      maxima: {
        name: "maxima";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "OBJECT"; name: "LimitMaxima"; ofType: null } };
      };
      networkAllowed: {
        name: "networkAllowed";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "SCALAR"; name: "Boolean"; ofType: null } };
      };
    };
  };
  ExecutionStatus: {
    name: "ExecutionStatus";
    enumValues: "CANCELLED" | "ERROR" | "FAILED" | "OOM_KILLED" | "QUEUED" | "RUNNING" | "SUCCEEDED" | "TIMED_OUT";
  };
  File: unknown;
  FileStats: {
    kind: "OBJECT";
    name: "FileStats";
    fields: {
      byLanguage: {
        name: "byLanguage";
        type: {
          kind: "NON_NULL";
          name: never;
          ofType: {
            kind: "LIST";
            name: never;
            ofType: { kind: "NON_NULL"; name: never; ofType: { kind: "OBJECT"; name: "LanguageCount"; ofType: null } };
          };
        };
      };
      count: {
        name: "count";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "SCALAR"; name: "Int"; ofType: null } };
      };
      totalBytes: {
        name: "totalBytes";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "SCALAR"; name: "Float"; ofType: null } };
      };
    };
  };
  Float: unknown;
  Health: {
    kind: "OBJECT";
    name: "Health";
    fields: {
      containerRuntimes: {
        name: "containerRuntimes";
        type: {
          kind: "NON_NULL";
          name: never;
          ofType: {
            kind: "LIST";
            name: never;
            ofType: { kind: "NON_NULL"; name: never; ofType: { kind: "SCALAR"; name: "String"; ofType: null } };
          };
        };
      };
      docker: {
        name: "docker";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "OBJECT"; name: "DockerStatus"; ofType: null } };
      };
      ok: {
        name: "ok";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "SCALAR"; name: "Boolean"; ofType: null } };
      };
      resources: { name: "resources"; type: { kind: "OBJECT"; name: "ServerResources"; ofType: null } };
      uptimeSeconds: {
        name: "uptimeSeconds";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "SCALAR"; name: "Float"; ofType: null } };
      };
      version: {
        name: "version";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "SCALAR"; name: "String"; ofType: null } };
      };
    };
  };
  ID: unknown;
  Image: {
    kind: "OBJECT";
    name: "Image";
    fields: {
      buildLog: {
        name: "buildLog";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "SCALAR"; name: "String"; ofType: null } };
      };
      createdAt: {
        name: "createdAt";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "SCALAR"; name: "DateTime"; ofType: null } };
      };
      dockerImageId: { name: "dockerImageId"; type: { kind: "SCALAR"; name: "String"; ofType: null } };
      error: { name: "error"; type: { kind: "SCALAR"; name: "String"; ofType: null } };
      id: { name: "id"; type: { kind: "NON_NULL"; name: never; ofType: { kind: "SCALAR"; name: "ID"; ofType: null } } };
      languages: {
        name: "languages";
        type: {
          kind: "NON_NULL";
          name: never;
          ofType: {
            kind: "LIST";
            name: never;
            ofType: { kind: "NON_NULL"; name: never; ofType: { kind: "ENUM"; name: "Language"; ofType: null } };
          };
        };
      };
      name: {
        name: "name";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "SCALAR"; name: "String"; ofType: null } };
      };
      ownerId: { name: "ownerId"; type: { kind: "SCALAR"; name: "ID"; ofType: null } };
      packages: {
        name: "packages";
        type: {
          kind: "NON_NULL";
          name: never;
          ofType: {
            kind: "LIST";
            name: never;
            ofType: {
              kind: "NON_NULL";
              name: never;
              ofType: { kind: "OBJECT"; name: "InstalledPackage"; ofType: null };
            };
          };
        };
      };
      runtimes: {
        name: "runtimes";
        type: {
          kind: "NON_NULL";
          name: never;
          ofType: {
            kind: "LIST";
            name: never;
            ofType: { kind: "NON_NULL"; name: never; ofType: { kind: "OBJECT"; name: "Runtime"; ofType: null } };
          };
        };
      };
      sizeBytes: { name: "sizeBytes"; type: { kind: "SCALAR"; name: "Float"; ofType: null } };
      status: {
        name: "status";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "ENUM"; name: "ImageStatus"; ofType: null } };
      };
      updatedAt: {
        name: "updatedAt";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "SCALAR"; name: "DateTime"; ofType: null } };
      };
    };
  };
  ImageStatus: { name: "ImageStatus"; enumValues: "BUILDING" | "CANCELLED" | "FAILED" | "READY" };
  InstallPackagesInput: {
    kind: "INPUT_OBJECT";
    name: "InstallPackagesInput";
    isOneOf: false;
    inputFields: [
      {
        name: "imageId";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "SCALAR"; name: "ID"; ofType: null } };
        defaultValue: null;
      },
      {
        name: "manager";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "ENUM"; name: "PackageManager"; ofType: null } };
        defaultValue: null;
      },
      {
        name: "packages";
        type: {
          kind: "NON_NULL";
          name: never;
          ofType: {
            kind: "LIST";
            name: never;
            ofType: { kind: "NON_NULL"; name: never; ofType: { kind: "SCALAR"; name: "String"; ofType: null } };
          };
        };
        defaultValue: null;
      },
      { name: "wait"; type: { kind: "SCALAR"; name: "Boolean"; ofType: null }; defaultValue: "true" },
    ];
  };
  InstalledPackage: {
    kind: "OBJECT";
    name: "InstalledPackage";
    fields: {
      installedAt: {
        name: "installedAt";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "SCALAR"; name: "DateTime"; ofType: null } };
      };
      manager: {
        name: "manager";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "ENUM"; name: "PackageManager"; ofType: null } };
      };
      name: {
        name: "name";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "SCALAR"; name: "String"; ofType: null } };
      };
      version: { name: "version"; type: { kind: "SCALAR"; name: "String"; ofType: null } };
    };
  };
  Int: unknown;
  Isolation: { name: "Isolation"; enumValues: "STANDARD" | "STRONG" };
  JobStatus: { name: "JobStatus"; enumValues: "CANCELLED" | "FAILED" | "QUEUED" | "RUNNING" | "SUCCEEDED" };
  Language: { name: "Language"; enumValues: "BASH" | "CSHARP" | "NODE" | "PYTHON" | "RUBY" };
  LanguageCount: {
    kind: "OBJECT";
    name: "LanguageCount";
    fields: {
      count: {
        name: "count";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "SCALAR"; name: "Int"; ofType: null } };
      };
      language: {
        name: "language";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "ENUM"; name: "Language"; ofType: null } };
      };
    };
  };
  LanguageInfo: {
    kind: "OBJECT";
    name: "LanguageInfo";
    fields: {
      language: {
        name: "language";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "ENUM"; name: "Language"; ofType: null } };
      };
      name: {
        name: "name";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "SCALAR"; name: "String"; ofType: null } };
      };
      packageManager: { name: "packageManager"; type: { kind: "ENUM"; name: "PackageManager"; ofType: null } };
    };
  };
  LimitMaxima: {
    kind: "OBJECT";
    name: "LimitMaxima";
    fields: {
      cpus: {
        name: "cpus";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "SCALAR"; name: "Float"; ofType: null } };
      };
      memoryMb: {
        name: "memoryMb";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "SCALAR"; name: "Int"; ofType: null } };
      };
      outputLimitBytes: {
        name: "outputLimitBytes";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "SCALAR"; name: "Int"; ofType: null } };
      };
      pids: {
        name: "pids";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "SCALAR"; name: "Int"; ofType: null } };
      };
      timeoutMs: {
        name: "timeoutMs";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "SCALAR"; name: "Int"; ofType: null } };
      };
    };
  };
  Limits: {
    kind: "OBJECT";
    name: "Limits";
    fields: {
      cpus: {
        name: "cpus";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "SCALAR"; name: "Float"; ofType: null } };
      };
      memoryMb: {
        name: "memoryMb";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "SCALAR"; name: "Int"; ofType: null } };
      };
      network: {
        name: "network";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "SCALAR"; name: "Boolean"; ofType: null } };
      };
      outputLimitBytes: {
        name: "outputLimitBytes";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "SCALAR"; name: "Int"; ofType: null } };
      };
      pids: {
        name: "pids";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "SCALAR"; name: "Int"; ofType: null } };
      };
      timeoutMs: {
        name: "timeoutMs";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "SCALAR"; name: "Int"; ofType: null } };
      };
    };
  };
  LimitsInput: {
    kind: "INPUT_OBJECT";
    name: "LimitsInput";
    isOneOf: false;
    inputFields: [
      { name: "cpus"; type: { kind: "SCALAR"; name: "Float"; ofType: null }; defaultValue: null },
      { name: "memoryMb"; type: { kind: "SCALAR"; name: "Int"; ofType: null }; defaultValue: null },
      { name: "network"; type: { kind: "SCALAR"; name: "Boolean"; ofType: null }; defaultValue: null },
      { name: "outputLimitBytes"; type: { kind: "SCALAR"; name: "Int"; ofType: null }; defaultValue: null },
      { name: "pids"; type: { kind: "SCALAR"; name: "Int"; ofType: null }; defaultValue: null },
      { name: "timeoutMs"; type: { kind: "SCALAR"; name: "Int"; ofType: null }; defaultValue: null },
    ];
  };
  LogChunk: {
    kind: "OBJECT";
    name: "LogChunk";
    fields: {
      at: {
        name: "at";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "SCALAR"; name: "DateTime"; ofType: null } };
      };
      data: {
        name: "data";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "SCALAR"; name: "String"; ofType: null } };
      };
      executionId: {
        name: "executionId";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "SCALAR"; name: "ID"; ofType: null } };
      };
      seq: {
        name: "seq";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "SCALAR"; name: "Int"; ofType: null } };
      };
      stream: {
        name: "stream";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "ENUM"; name: "OutputStream"; ofType: null } };
      };
    };
  };
  Mutation: {
    kind: "OBJECT";
    name: "Mutation";
    fields: {
      cancelExecution: {
        name: "cancelExecution";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "OBJECT"; name: "Execution"; ofType: null } };
      };
      cancelImageBuild: {
        name: "cancelImageBuild";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "OBJECT"; name: "Image"; ofType: null } };
      };
      cancelPackageInstallation: {
        name: "cancelPackageInstallation";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "OBJECT"; name: "PackageInstallation"; ofType: null } };
      };
      createApiKey: {
        name: "createApiKey";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "OBJECT"; name: "CreatedApiKey"; ofType: null } };
      };
      createImage: {
        name: "createImage";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "OBJECT"; name: "Image"; ofType: null } };
      };
      deleteExecution: {
        name: "deleteExecution";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "SCALAR"; name: "Boolean"; ofType: null } };
      };
      deleteFile: {
        name: "deleteFile";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "SCALAR"; name: "Boolean"; ofType: null } };
      };
      execute: {
        name: "execute";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "OBJECT"; name: "Execution"; ofType: null } };
      };
      executeFile: {
        name: "executeFile";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "OBJECT"; name: "Execution"; ofType: null } };
      };
      installPackages: {
        name: "installPackages";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "OBJECT"; name: "PackageInstallation"; ofType: null } };
      };
      removeImage: {
        name: "removeImage";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "SCALAR"; name: "Boolean"; ofType: null } };
      };
      revokeApiKey: {
        name: "revokeApiKey";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "OBJECT"; name: "ApiKey"; ofType: null } };
      };
      uploadFile: {
        name: "uploadFile";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "OBJECT"; name: "StoredFile"; ofType: null } };
      };
    };
  };
  OutputStream: { name: "OutputStream"; enumValues: "STDERR" | "STDOUT" };
  PackageInstallation: {
    kind: "OBJECT";
    name: "PackageInstallation";
    fields: {
      error: { name: "error"; type: { kind: "SCALAR"; name: "String"; ofType: null } };
      finishedAt: { name: "finishedAt"; type: { kind: "SCALAR"; name: "DateTime"; ofType: null } };
      id: { name: "id"; type: { kind: "NON_NULL"; name: never; ofType: { kind: "SCALAR"; name: "ID"; ofType: null } } };
      image: {
        name: "image";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "OBJECT"; name: "Image"; ofType: null } };
      };
      log: {
        name: "log";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "SCALAR"; name: "String"; ofType: null } };
      };
      manager: {
        name: "manager";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "ENUM"; name: "PackageManager"; ofType: null } };
      };
      ownerId: { name: "ownerId"; type: { kind: "SCALAR"; name: "ID"; ofType: null } };
      packages: {
        name: "packages";
        type: {
          kind: "NON_NULL";
          name: never;
          ofType: {
            kind: "LIST";
            name: never;
            ofType: { kind: "NON_NULL"; name: never; ofType: { kind: "SCALAR"; name: "String"; ofType: null } };
          };
        };
      };
      startedAt: {
        name: "startedAt";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "SCALAR"; name: "DateTime"; ofType: null } };
      };
      status: {
        name: "status";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "ENUM"; name: "JobStatus"; ofType: null } };
      };
    };
  };
  PackageManager: { name: "PackageManager"; enumValues: "APT" | "GEM" | "NPM" | "NUGET" | "PIP" };
  PageInfo: {
    kind: "OBJECT";
    name: "PageInfo";
    fields: {
      endCursor: { name: "endCursor"; type: { kind: "SCALAR"; name: "String"; ofType: null } };
      hasNextPage: {
        name: "hasNextPage";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "SCALAR"; name: "Boolean"; ofType: null } };
      };
      hasPreviousPage: {
        name: "hasPreviousPage";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "SCALAR"; name: "Boolean"; ofType: null } };
      };
      startCursor: { name: "startCursor"; type: { kind: "SCALAR"; name: "String"; ofType: null } };
    };
  };
  Query: {
    kind: "OBJECT";
    name: "Query";
    fields: {
      apiKeys: {
        name: "apiKeys";
        type: {
          kind: "NON_NULL";
          name: never;
          ofType: {
            kind: "LIST";
            name: never;
            ofType: { kind: "NON_NULL"; name: never; ofType: { kind: "OBJECT"; name: "ApiKey"; ofType: null } };
          };
        };
      };
      execution: { name: "execution"; type: { kind: "OBJECT"; name: "Execution"; ofType: null } };
      executionPolicy: {
        name: "executionPolicy";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "OBJECT"; name: "ExecutionPolicy"; ofType: null } };
      };
      executions: {
        name: "executions";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "OBJECT"; name: "ExecutionConnection"; ofType: null } };
      };
      file: { name: "file"; type: { kind: "OBJECT"; name: "StoredFile"; ofType: null } };
      fileStats: {
        name: "fileStats";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "OBJECT"; name: "FileStats"; ofType: null } };
      };
      files: {
        name: "files";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "OBJECT"; name: "StoredFileConnection"; ofType: null } };
      };
      health: {
        name: "health";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "OBJECT"; name: "Health"; ofType: null } };
      };
      image: { name: "image"; type: { kind: "OBJECT"; name: "Image"; ofType: null } };
      images: {
        name: "images";
        type: {
          kind: "NON_NULL";
          name: never;
          ofType: {
            kind: "LIST";
            name: never;
            ofType: { kind: "NON_NULL"; name: never; ofType: { kind: "OBJECT"; name: "Image"; ofType: null } };
          };
        };
      };
      languages: {
        name: "languages";
        type: {
          kind: "NON_NULL";
          name: never;
          ofType: {
            kind: "LIST";
            name: never;
            ofType: { kind: "NON_NULL"; name: never; ofType: { kind: "OBJECT"; name: "LanguageInfo"; ofType: null } };
          };
        };
      };
      me: {
        name: "me";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "OBJECT"; name: "Caller"; ofType: null } };
      };
      packageInstallation: {
        name: "packageInstallation";
        type: { kind: "OBJECT"; name: "PackageInstallation"; ofType: null };
      };
      runtimes: {
        name: "runtimes";
        type: {
          kind: "NON_NULL";
          name: never;
          ofType: {
            kind: "LIST";
            name: never;
            ofType: { kind: "NON_NULL"; name: never; ofType: { kind: "OBJECT"; name: "Runtime"; ofType: null } };
          };
        };
      };
    };
  };
  Quotas: {
    kind: "OBJECT";
    name: "Quotas";
    fields: {
      executionsAtOnce: { name: "executionsAtOnce"; type: { kind: "SCALAR"; name: "Int"; ofType: null } };
      executionsPerMinute: { name: "executionsPerMinute"; type: { kind: "SCALAR"; name: "Int"; ofType: null } };
      fileBytes: { name: "fileBytes"; type: { kind: "SCALAR"; name: "Float"; ofType: null } };
      images: { name: "images"; type: { kind: "SCALAR"; name: "Int"; ofType: null } };
      jobsAtOnce: { name: "jobsAtOnce"; type: { kind: "SCALAR"; name: "Int"; ofType: null } };
    };
  };
  QuotasInput: {
    kind: "INPUT_OBJECT";
    name: "QuotasInput";
    isOneOf: false;
    inputFields: [
      { name: "executionsAtOnce"; type: { kind: "SCALAR"; name: "Int"; ofType: null }; defaultValue: null },
      { name: "executionsPerMinute"; type: { kind: "SCALAR"; name: "Int"; ofType: null }; defaultValue: null },
      { name: "fileBytes"; type: { kind: "SCALAR"; name: "Float"; ofType: null }; defaultValue: null },
      { name: "images"; type: { kind: "SCALAR"; name: "Int"; ofType: null }; defaultValue: null },
      { name: "jobsAtOnce"; type: { kind: "SCALAR"; name: "Int"; ofType: null }; defaultValue: null },
    ];
  };
  ResourceUsage: {
    kind: "OBJECT";
    name: "ResourceUsage";
    fields: {
      blockReadBytes: { name: "blockReadBytes"; type: { kind: "SCALAR"; name: "Float"; ofType: null } };
      blockWriteBytes: { name: "blockWriteBytes"; type: { kind: "SCALAR"; name: "Float"; ofType: null } };
      cpuTimeMs: { name: "cpuTimeMs"; type: { kind: "SCALAR"; name: "Int"; ofType: null } };
      maxPids: { name: "maxPids"; type: { kind: "SCALAR"; name: "Int"; ofType: null } };
      peakMemoryBytes: { name: "peakMemoryBytes"; type: { kind: "SCALAR"; name: "Float"; ofType: null } };
      wallTimeMs: { name: "wallTimeMs"; type: { kind: "SCALAR"; name: "Int"; ofType: null } };
    };
  };
  Role: { name: "Role"; enumValues: "admin" | "user" };
  Runtime: {
    kind: "OBJECT";
    name: "Runtime";
    fields: {
      fileExtension: {
        name: "fileExtension";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "SCALAR"; name: "String"; ofType: null } };
      };
      isDefault: {
        name: "isDefault";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "SCALAR"; name: "Boolean"; ofType: null } };
      };
      language: {
        name: "language";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "ENUM"; name: "Language"; ofType: null } };
      };
      packageManager: { name: "packageManager"; type: { kind: "ENUM"; name: "PackageManager"; ofType: null } };
      version: {
        name: "version";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "SCALAR"; name: "String"; ofType: null } };
      };
    };
  };
  ServerResources: {
    kind: "OBJECT";
    name: "ServerResources";
    fields: {
      dataDir: { name: "dataDir"; type: { kind: "OBJECT"; name: "DataDirUsage"; ofType: null } };
      dockerDisk: { name: "dockerDisk"; type: { kind: "OBJECT"; name: "DockerDiskUsage"; ofType: null } };
      executionsQueued: {
        name: "executionsQueued";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "SCALAR"; name: "Int"; ofType: null } };
      };
      executionsRunning: {
        name: "executionsRunning";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "SCALAR"; name: "Int"; ofType: null } };
      };
    };
  };
  StatusChange: {
    kind: "OBJECT";
    name: "StatusChange";
    fields: {
      at: {
        name: "at";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "SCALAR"; name: "DateTime"; ofType: null } };
      };
      execution: {
        name: "execution";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "OBJECT"; name: "Execution"; ofType: null } };
      };
      executionId: {
        name: "executionId";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "SCALAR"; name: "ID"; ofType: null } };
      };
      seq: {
        name: "seq";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "SCALAR"; name: "Int"; ofType: null } };
      };
      status: {
        name: "status";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "ENUM"; name: "ExecutionStatus"; ofType: null } };
      };
    };
  };
  StoredFile: {
    kind: "OBJECT";
    name: "StoredFile";
    fields: {
      content: {
        name: "content";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "SCALAR"; name: "String"; ofType: null } };
      };
      createdAt: {
        name: "createdAt";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "SCALAR"; name: "DateTime"; ofType: null } };
      };
      id: { name: "id"; type: { kind: "NON_NULL"; name: never; ofType: { kind: "SCALAR"; name: "ID"; ofType: null } } };
      language: { name: "language"; type: { kind: "ENUM"; name: "Language"; ofType: null } };
      name: {
        name: "name";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "SCALAR"; name: "String"; ofType: null } };
      };
      ownerId: { name: "ownerId"; type: { kind: "SCALAR"; name: "ID"; ofType: null } };
      sha256: {
        name: "sha256";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "SCALAR"; name: "String"; ofType: null } };
      };
      sizeBytes: {
        name: "sizeBytes";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "SCALAR"; name: "Int"; ofType: null } };
      };
    };
  };
  StoredFileConnection: {
    kind: "OBJECT";
    name: "StoredFileConnection";
    fields: {
      edges: {
        name: "edges";
        type: {
          kind: "NON_NULL";
          name: never;
          ofType: {
            kind: "LIST";
            name: never;
            ofType: { kind: "NON_NULL"; name: never; ofType: { kind: "OBJECT"; name: "StoredFileEdge"; ofType: null } };
          };
        };
      };
      pageInfo: {
        name: "pageInfo";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "OBJECT"; name: "PageInfo"; ofType: null } };
      };
      totalCount: {
        name: "totalCount";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "SCALAR"; name: "Int"; ofType: null } };
      };
    };
  };
  StoredFileEdge: {
    kind: "OBJECT";
    name: "StoredFileEdge";
    fields: {
      cursor: {
        name: "cursor";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "SCALAR"; name: "String"; ofType: null } };
      };
      node: {
        name: "node";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "OBJECT"; name: "StoredFile"; ofType: null } };
      };
    };
  };
  String: unknown;
  Subscription: {
    kind: "OBJECT";
    name: "Subscription";
    fields: {
      executionEvents: {
        name: "executionEvents";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "INTERFACE"; name: "ExecutionEvent"; ofType: null } };
      };
      executionLogs: {
        name: "executionLogs";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "OBJECT"; name: "LogChunk"; ofType: null } };
      };
      executionUsage: {
        name: "executionUsage";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "OBJECT"; name: "UsageSample"; ofType: null } };
      };
      imageBuildLogs: {
        name: "imageBuildLogs";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "OBJECT"; name: "BuildLogLine"; ofType: null } };
      };
      packageInstallationLogs: {
        name: "packageInstallationLogs";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "OBJECT"; name: "BuildLogLine"; ofType: null } };
      };
      run: {
        name: "run";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "INTERFACE"; name: "ExecutionEvent"; ofType: null } };
      };
    };
  };
  UploadFileInput: {
    kind: "INPUT_OBJECT";
    name: "UploadFileInput";
    isOneOf: false;
    inputFields: [
      { name: "content"; type: { kind: "SCALAR"; name: "String"; ofType: null }; defaultValue: null },
      { name: "file"; type: { kind: "SCALAR"; name: "File"; ofType: null }; defaultValue: null },
      { name: "language"; type: { kind: "ENUM"; name: "Language"; ofType: null }; defaultValue: null },
      {
        name: "name";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "SCALAR"; name: "String"; ofType: null } };
        defaultValue: null;
      },
    ];
  };
  UsageSample: {
    kind: "OBJECT";
    name: "UsageSample";
    fields: {
      at: {
        name: "at";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "SCALAR"; name: "DateTime"; ofType: null } };
      };
      cpuPercent: {
        name: "cpuPercent";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "SCALAR"; name: "Float"; ofType: null } };
      };
      memoryBytes: {
        name: "memoryBytes";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "SCALAR"; name: "Float"; ofType: null } };
      };
      pids: {
        name: "pids";
        type: { kind: "NON_NULL"; name: never; ofType: { kind: "SCALAR"; name: "Int"; ofType: null } };
      };
    };
  };
};

/** An IntrospectionQuery representation of your schema.
 *
 * @remarks
 * This is an introspection of your schema saved as a file by GraphQLSP.
 * It will automatically be used by `gql.tada` to infer the types of your GraphQL documents.
 * If you need to reuse this data or update your `scalars`, update `tadaOutputLocation` to
 * instead save to a .ts instead of a .d.ts file.
 */
export type introspection = {
  name: never;
  query: "Query";
  mutation: "Mutation";
  subscription: "Subscription";
  types: introspection_types;
};

declare module "gql.tada" {
  interface setupSchema {
    introspection: introspection;
  }
}
