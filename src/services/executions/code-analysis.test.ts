import { describe, expect, it } from "vitest";
import { languageById } from "../../languages/index.js";
import { WARNINGS } from "../../languages/language.js";
import { analyzeCode } from "./code-analysis.js";

const ON = { network: true };
const OFF = { network: false };

describe("analyzeCode", () => {
  it.each([
    ["PYTHON", "import subprocess\nsubprocess.run(['ls'])", ["spawns processes"]],
    ["PYTHON", "import shutil\nshutil.rmtree('/etc')", ["deletes files outside /workspace"]],
    ["PYTHON", "import os\nos.remove('/workspace/a')", []],
    ["NODE", "require('child_process').execSync('ls')", ["spawns processes"]],
    ["CSHARP", 'System.Diagnostics.Process.Start("ls");', ["spawns processes"]],
    ["BASH", "rm -rf /usr", ["deletes files outside /workspace"]],
    ["BASH", "rm -rf /workspace/out", []],
    ["PYTHON", "print('hello')", []],
    ["RUBY", 'system("ls")', ["spawns processes"]],
    ["RUBY", "puts `ls`", ["spawns processes"]],
    ["RUBY", "out = %x(ls)", ["spawns processes"]],
    ["RUBY", "require 'open3'\nOpen3.capture2('ls')", ["spawns processes"]],
    ["RUBY", "IO.popen('ls').read", ["spawns processes"]],
    ["RUBY", "FileUtils.rm_rf('/etc')", ["deletes files outside /workspace"]],
    ["RUBY", 'File.delete("/var/x")', ["deletes files outside /workspace"]],
    ["RUBY", "FileUtils.rm_rf('/workspace/out')", []],
    ["RUBY", "puts 'Hello from Ruby!'\nresult.exec_query(x)", []],
  ] as const)("%s: %s", (language, code, warnings) => {
    expect(analyzeCode(languageById(language), code, OFF)).toEqual(warnings);
    expect(analyzeCode(languageById(language), code, ON)).toEqual(warnings);
  });

  describe("a network call depends on the run's network", () => {
    it.each([
      ["PYTHON", "import socket"],
      ["PYTHON", "import urllib.request\nurllib.request.urlopen('http://example.test')"],
      ["NODE", "await fetch('http://example.test')"],
      ["NODE", "const http = require('http');"],
      ["CSHARP", "using var client = new HttpClient();"],
      ["BASH", "curl -s http://example.test"],
      ["BASH", "exec 3<>/dev/tcp/example.test/80"],
      ["RUBY", "require 'net/http'\nNet::HTTP.get(URI('http://example.test'))"],
      ["RUBY", "TCPSocket.new('example.test', 80)"],
      ["RUBY", "require 'open-uri'"],
    ] as const)("%s: %s", (language, code) => {
      expect(analyzeCode(languageById(language), code, OFF)).toEqual([WARNINGS.networkOff]);
      expect(analyzeCode(languageById(language), code, ON)).toEqual([WARNINGS.network]);
    });
  });

  describe("writing outside /workspace and /tmp", () => {
    it.each([
      ["PYTHON", "open('/etc/motd', 'w').write('x')", true],
      ["PYTHON", 'with open("/opt/data.csv", mode="a") as f: pass', true],
      ["PYTHON", "from pathlib import Path\nPath('/srv/out.txt').write_text('x')", true],
      ["PYTHON", "import os\nos.makedirs('/data/cache', exist_ok=True)", true],
      ["PYTHON", "open('/workspace/out.txt', 'w').write('x')", false],
      ["PYTHON", "open('/tmp/out.txt', 'w').write('x')", false],
      ["PYTHON", "open('/etc/hostname').read()", false],
      ["PYTHON", "open('out.txt', 'w')", false],
      ["NODE", "require('fs').writeFileSync('/etc/motd', 'x')", true],
      ["NODE", "await fs.promises.mkdir(`/data/cache`, { recursive: true })", true],
      ["NODE", "fs.createWriteStream('/var/log/app.log')", true],
      ["NODE", "fs.writeFileSync('/tmp/a.txt', 'x')", false],
      ["NODE", "fs.appendFileSync('/workspace/a.txt', 'x')", false],
      ["NODE", "fs.readFileSync('/etc/hostname', 'utf8')", false],
      ["CSHARP", 'File.WriteAllText("/etc/motd", "x");', true],
      ["CSHARP", 'Directory.CreateDirectory("/data/cache");', true],
      ["CSHARP", 'using var w = new StreamWriter("/var/out.txt");', true],
      ["CSHARP", 'File.WriteAllText("/tmp/out.txt", "x");', false],
      ["CSHARP", 'File.ReadAllText("/etc/hostname");', false],
      ["BASH", "echo hi > /etc/motd", true],
      ["BASH", "echo hi >>/var/log/app.log", true],
      ["BASH", "echo hi | tee -a /opt/out", true],
      ["BASH", "mkdir -p /data/cache", true],
      ["BASH", "touch /marker", true],
      ["BASH", "cp -r /workspace/a /opt/a", true],
      ["BASH", "mv a.txt /srv/a.txt; ls", true],
      ["BASH", "ls 2>/dev/null >/dev/stderr", false],
      ["BASH", "echo hi > /tmp/x && mkdir -p /workspace/out", false],
      ["BASH", "cp -r /etc/ssl /workspace/ssl", false],
      ["BASH", "cp /workspace/a /tmp/b", false],
      ["RUBY", "File.write('/etc/motd', 'x')", true],
      ["RUBY", 'File.open("/opt/out.txt", "w") { |f| f.puts 1 }', true],
      ["RUBY", "FileUtils.mkdir_p('/data/cache')", true],
      ["RUBY", "File.write('/tmp/a.txt', 'x')", false],
      ["RUBY", "File.open('/etc/hostname').read", false],
      ["RUBY", "File.open('/workspace/a.txt', 'w')", false],
    ] as const)("%s: %s", (language, code, warns) => {
      const warnings = analyzeCode(languageById(language), code, OFF);
      expect(warnings.includes(WARNINGS.writeOutsideWorkspace)).toBe(warns);
    });
  });

  describe("reading /proc or /sys", () => {
    it.each([
      ["PYTHON", "print(open('/proc/meminfo').read())", true],
      ["PYTHON", "import os\nos.listdir('/sys/fs/cgroup')", true],
      ["PYTHON", "print(os.cpu_count())", false],
      ["NODE", "fs.readFileSync('/proc/cpuinfo', 'utf8')", true],
      ["NODE", "fs.readdirSync(`/sys/class/net`)", true],
      ["CSHARP", 'var info = File.ReadAllText("/proc/meminfo");', true],
      ["CSHARP", "Console.WriteLine(Environment.ProcessorCount);", false],
      ["BASH", "cat /proc/cpuinfo", true],
      ["BASH", "grep MemTotal </proc/meminfo", true],
      ["BASH", "ls /sys/fs/cgroup", true],
      ["BASH", "nproc", false],
      ["RUBY", "puts File.read('/proc/meminfo')", true],
      ["RUBY", "require 'etc'\nputs Etc.nprocessors", false],
      ["BASH", "ls /workspace/proc/x", false],
    ] as const)("%s: %s", (language, code, warns) => {
      const warnings = analyzeCode(languageById(language), code, ON);
      expect(warnings.includes(WARNINGS.readsProcOrSys)).toBe(warns);
    });
  });

  it("reports each warning once, in rule order", () => {
    const code = "curl http://x > /etc/out; cat /proc/cpuinfo; curl http://y";
    expect(analyzeCode(languageById("BASH"), code, OFF)).toEqual([
      WARNINGS.networkOff,
      WARNINGS.writeOutsideWorkspace,
      WARNINGS.readsProcOrSys,
    ]);
  });
});
