using System.CommandLine;
using Herald.Advisories;

namespace Herald.Cli.Commands;

/// <summary><c>herald predisclosure add|list|remove</c>: the organisations told of advisories before they are public.</summary>
internal static class PredisclosureCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("predisclosure", "The pre-disclosure list: 'add', 'list', 'remove'.");
        command.Subcommands.Add(Add(console));
        command.Subcommands.Add(List(console));
        command.Subcommands.Add(Remove(console));
        return command;
    }

    private static Command Add(CliConsole console)
    {
        var access = new ProjectDatabase();
        var org = new Option<string>("--org") { Description = "The organisation.", Required = true, HelpName = "NAME" };
        var email = new Option<string>("--email") { Description = "The organisation's role address, where advisories are mailed.", Required = true, HelpName = "ROLE-ADDRESS" };
        var command = new Command("add", """
            Adds an organisation's role address to the pre-disclosure list (or gives an address already on it
            a new token) and prints its access token: it is shown once and stored only as a hash. The token
            reads embargoed advisories on the portal (Authorization: Bearer …, or a sign-in).

            Example:
              herald predisclosure add --org "Example Cloud" --email security@example.com --json
            """);
        command.Options.Add(org);
        command.Options.Add(email);
        access.AddTo(command);
        command.SetAction(async (result, cancellationToken) =>
        {
            var (_, database) = await access.OpenAsync(result, console, cancellationToken);
            var (member, token) = await new PredisclosureList(database, console.Clock).AddAsync(result.GetRequiredValue(org), result.GetRequiredValue(email), cancellationToken);
            if (result.GetValue(access.Common.Json))
            {
                console.Out.WriteLine(HeraldJson.Serialize(new { org = member.Org, email = member.Email, token }));
            }
            else
            {
                console.Out.WriteLine($"{member.Org} <{member.Email}>");
                console.Out.WriteLine($"token: {token}");
                console.Out.WriteLine("It is shown only now; give it to the organisation over a secure channel.");
            }

            return 0;
        });
        return command;
    }

    private static Command List(CliConsole console)
    {
        var access = new ProjectDatabase();
        var command = new Command("list", """
            Lists the pre-disclosure list (organisations and addresses; tokens are never shown again).

            Example:
              herald predisclosure list --json
            """);
        access.AddTo(command);
        command.SetAction(async (result, cancellationToken) =>
        {
            var (_, database) = await access.OpenAsync(result, console, cancellationToken);
            var members = await new PredisclosureList(database, console.Clock).ListAsync(cancellationToken);
            if (result.GetValue(access.Common.Json))
            {
                console.Out.WriteLine(HeraldJson.Serialize(members.Select(m => new { org = m.Org, email = m.Email, addedAt = AdvisoryJson.Time(m.AddedAt) })));
                return 0;
            }

            if (members.Count == 0)
            {
                console.Out.WriteLine("the pre-disclosure list is empty; 'herald predisclosure add' adds members.");
            }

            foreach (var member in members)
            {
                console.Out.WriteLine($"{member.Org}\t{member.Email}\t{member.AddedAt:yyyy-MM-dd}");
            }

            return 0;
        });
        return command;
    }

    private static Command Remove(CliConsole console)
    {
        var access = new ProjectDatabase();
        var email = new Argument<string>("EMAIL") { Description = "The address to remove." };
        var command = new Command("remove", """
            Removes an address from the pre-disclosure list; its token stops working at once.

            Example:
              herald predisclosure remove security@example.com
            """);
        command.Arguments.Add(email);
        access.AddTo(command);
        command.SetAction(async (result, cancellationToken) =>
        {
            var (_, database) = await access.OpenAsync(result, console, cancellationToken);
            var who = result.GetRequiredValue(email);
            if (!await new PredisclosureList(database, console.Clock).RemoveAsync(who, cancellationToken))
            {
                throw new HeraldException($"'{(who.Length > 60 ? who[..60] + "…" : who)}' is not on the pre-disclosure list; 'herald predisclosure list' shows it.");
            }

            if (result.GetValue(access.Common.Json))
            {
                console.Out.WriteLine(HeraldJson.Serialize(new { removed = who.Trim().ToLowerInvariant() }));
            }
            else
            {
                console.Out.WriteLine($"removed {who.Trim().ToLowerInvariant()}");
            }

            return 0;
        });
        return command;
    }
}
