using System.CommandLine;
using Herald.Accounts;

namespace Herald.Cli.Commands;

/// <summary><c>herald user add|list|remove</c>: the accounts that sign in to the portal.</summary>
internal static class UserCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("user", "Accounts that sign in to the portal's editing pages: 'add', 'list', 'remove'.");
        command.Subcommands.Add(Add(console));
        command.Subcommands.Add(List(console));
        command.Subcommands.Add(Remove(console));
        return command;
    }

    private static Command Add(CliConsole console)
    {
        var access = new ProjectDatabase();
        var name = new Argument<string>("NAME") { Description = "The sign-in name (letters, digits, '.', '-', '_', '@')." };
        var roles = new Option<string[]>("--role")
        {
            Description = $"A role to give ({string.Join(", ", Role.All)}); repeat for several.",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
            HelpName = "ROLE",
        };
        var command = new Command("add", """
            Makes an account with the roles given, or gives an existing one those roles too, and prints a
            new one-time password: it is shown once and stored only as a hash. Signing in with an older
            password, or in a session begun before, no longer works.

            Example:
              herald user add alice --role editor
            """);
        command.Arguments.Add(name);
        command.Options.Add(roles);
        access.AddTo(command);
        command.SetAction(async (result, cancellationToken) =>
        {
            var (_, database) = await access.OpenAsync(result, console, cancellationToken);
            var (account, password) = await new AccountStore(database, console.Clock).AddAsync(result.GetRequiredValue(name), result.GetRequiredValue(roles), cancellationToken);
            if (result.GetValue(access.Common.Json))
            {
                console.Out.WriteLine(HeraldJson.Serialize(new { name = account.Name, roles = account.Roles, password }));
            }
            else
            {
                console.Out.WriteLine($"{account.Name} ({string.Join(", ", account.Roles)})");
                console.Out.WriteLine($"password: {password}");
                console.Out.WriteLine("It is shown only now; sign in at /editor/sign-in.");
            }

            return 0;
        });
        return command;
    }

    private static Command List(CliConsole console)
    {
        var access = new ProjectDatabase();
        var command = new Command("list", "Lists the accounts and their roles.");
        access.AddTo(command);
        command.SetAction(async (result, cancellationToken) =>
        {
            var (_, database) = await access.OpenAsync(result, console, cancellationToken);
            var accounts = await new AccountStore(database, console.Clock).ListAsync(cancellationToken);
            if (result.GetValue(access.Common.Json))
            {
                console.Out.WriteLine(HeraldJson.Serialize(accounts.Select(a => new { name = a.Name, roles = a.Roles, createdAt = a.CreatedAt })));
                return 0;
            }

            foreach (var account in accounts)
            {
                console.Out.WriteLine($"{account.Name}\t{string.Join(",", account.Roles)}\t{account.CreatedAt:yyyy-MM-dd}");
            }

            return 0;
        });
        return command;
    }

    private static Command Remove(CliConsole console)
    {
        var access = new ProjectDatabase();
        var name = new Argument<string>("NAME") { Description = "The account to remove." };
        var command = new Command("remove", "Removes an account; its sessions end at once.");
        command.Arguments.Add(name);
        access.AddTo(command);
        command.SetAction(async (result, cancellationToken) =>
        {
            var (_, database) = await access.OpenAsync(result, console, cancellationToken);
            var who = result.GetRequiredValue(name);
            if (!await new AccountStore(database, console.Clock).RemoveAsync(who, cancellationToken))
            {
                throw new HeraldException($"no account is named '{who}'; 'herald user list' shows them.");
            }

            console.Out.WriteLine($"removed {who}");
            return 0;
        });
        return command;
    }
}
