using Xunit;

namespace Herald.Tests.Support;

/// <summary>What the in-process CLI runners refuse to run.</summary>
internal static class InProcessCli
{
    /// <summary>
    /// Fails for <c>herald serve</c> (its help aside): it prepares the whole process for serving (the
    /// environment every later child process inherits), so tests run it as a child process (<see cref="HeraldProcess"/>).
    /// </summary>
    public static void RefuseServe(string[] args)
    {
        if (args is ["serve", ..] && !args.Contains("--help") && !args.Contains("-h"))
        {
            Assert.Fail("'herald serve' changes the process it runs in; run it as a child process with HeraldProcess.");
        }
    }
}
