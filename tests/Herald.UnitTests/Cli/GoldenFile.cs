using System.Runtime.CompilerServices;
using System.Text;
using Xunit;
using Xunit.Sdk;

namespace Herald.Tests.Cli;

/// <summary>
/// Compares output with a golden file in <c>tests/Herald.UnitTests/Golden/</c> (copied beside the test
/// assembly). With <c>HERALD_UPDATE_GOLDEN=1</c> the output is written to the source tree's Golden folder
/// instead, so that <c>git diff</c> shows what changed; review it and commit it.
/// </summary>
public static class GoldenFile
{
    /// <summary>The environment variable that switches from comparing to rewriting.</summary>
    public const string UpdateVariable = "HERALD_UPDATE_GOLDEN";

    private const int Context = 3;
    private const int MaxDiffLines = 80;
    private static readonly UTF8Encoding s_utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Whether golden files are being rewritten rather than compared.</summary>
    public static bool Updating => Environment.GetEnvironmentVariable(UpdateVariable) == "1";

    /// <summary>Asserts that <paramref name="actual"/> equals the golden file <paramref name="name"/>, or rewrites it.</summary>
    public static void Verify(string name, string actual, [CallerFilePath] string callerFile = "")
    {
        actual = actual.Replace("\r\n", "\n", StringComparison.Ordinal);
        if (Updating)
        {
            var folder = SourceGoldenFolder(callerFile);
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, name), actual, s_utf8NoBom);
            return;
        }

        var path = Path.Combine(AppContext.BaseDirectory, "Golden", name);
        if (!File.Exists(path))
        {
            throw new XunitException($"golden file Golden/{name} does not exist; run the tests with {UpdateVariable}=1 to create it, then review and commit it.");
        }

        var expected = File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal);
        if (expected != actual)
        {
            throw new XunitException(
                $"output differs from golden file Golden/{name} (- expected, + actual); if the change is intended, run the tests with {UpdateVariable}=1 and review the diff.\n"
                + Diff(expected, actual));
        }
    }

    /// <summary>
    /// The source tree's Golden folder: beside the <c>Herald.UnitTests.csproj</c> found by walking up from the
    /// test assembly, else from this source file (when the build output lives outside the tree).
    /// </summary>
    public static string SourceGoldenFolder(string callerFile)
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(callerFile) })
        {
            for (var folder = start; !string.IsNullOrEmpty(folder); folder = Path.GetDirectoryName(folder))
            {
                if (File.Exists(Path.Combine(folder, "Herald.UnitTests.csproj")))
                {
                    return Path.Combine(folder, "Golden");
                }
            }
        }

        throw new InvalidOperationException($"cannot find Herald.UnitTests.csproj above {AppContext.BaseDirectory} or {callerFile}.");
    }

    /// <summary>A unified-style line diff (hunks with <see cref="Context"/> lines of context), shortened when long.</summary>
    public static string Diff(string expected, string actual)
    {
        var a = expected.Split('\n');
        var b = actual.Split('\n');

        // Longest common subsequence table; golden files are small.
        var lcs = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
        {
            for (var j = b.Length - 1; j >= 0; j--)
            {
                lcs[i, j] = a[i] == b[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
            }
        }

        var script = new List<(char Kind, int Line, string Text)>();
        int x = 0, y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y])
            {
                script.Add((' ', x + 1, a[x]));
                x++;
                y++;
            }
            else if (x < a.Length && (y == b.Length || lcs[x + 1, y] >= lcs[x, y + 1]))
            {
                script.Add(('-', x + 1, a[x]));
                x++;
            }
            else
            {
                script.Add(('+', y + 1, b[y]));
                y++;
            }
        }

        var keep = new bool[script.Count];
        for (var k = 0; k < script.Count; k++)
        {
            if (script[k].Kind != ' ')
            {
                for (var c = Math.Max(0, k - Context); c <= Math.Min(script.Count - 1, k + Context); c++)
                {
                    keep[c] = true;
                }
            }
        }

        var builder = new StringBuilder();
        var written = 0;
        var gap = true;
        for (var k = 0; k < script.Count; k++)
        {
            if (!keep[k])
            {
                gap = true;
                continue;
            }

            if (gap)
            {
                builder.Append("@@ line ").Append(script[k].Line).Append(" @@\n");
                gap = false;
            }

            if (++written > MaxDiffLines)
            {
                builder.Append("… (diff shortened)\n");
                break;
            }

            builder.Append(script[k].Kind).Append(script[k].Text.Replace("\u001b", "\\e", StringComparison.Ordinal)).Append('\n');
        }

        return builder.ToString();
    }
}
