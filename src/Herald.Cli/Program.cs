using Herald.Cli;

var console = CliConsole.FromSystem();
return await HeraldCli.RunAsync(args, console);
