using System.Globalization;
using Npgsql;
using Tunda.Domain;
using Tunda.Domain.Identity;
using Tunda.Web.Platform.Commands;
using Tunda.Web.Configuration;
using Tunda.Web.Platform.Localisation;
using Tunda.Web.Security;
using Wolverine;

namespace Tunda.Web.Features.Accounts.Staff;

/// <summary>
/// <c>Tunda.Web staff add | list</c>: creating the first administrators without serving. Same
/// configuration and handlers as the web app; it migrates the tables first (idempotent), so it
/// works on a database the app has never started on. The invitation mail is queued and leaves
/// with the next running app's worker; the link is printed once as well.
/// Exit codes: 0 done, 1 refused or failed, 2 usage.
/// </summary>
public static class StaffCommand
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int Usage = 2;

    public const string UsageText = """
        usage: staff add --email E --name N --role administrator[,support,billing,auditor] [--language it|en] [--password P]
                   adds a staff member and prints a one-time invitation link (7 days), also mailed;
                   with --password (scripted setups) the password is set at once and no mail is sent.
                   Either way the authenticator (TOTP) is enrolled at the first sign-in.
               staff list
        """;

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error, Action<IConfigurationBuilder>? configure = null)
    {
        Func<IServiceProvider, Task<int>>? verb = args switch
        {
            ["list"] => services => ListAsync(services, output),
            ["add", ..] when AddOptions.Parse([.. args.Skip(1)]) is { } add => services => AddAsync(services, add, output, error),
            _ => null,
        };
        if (verb is null)
        {
            await error.WriteLineAsync(UsageText);
            return Usage;
        }

        var builder = CommandHost.CreateBuilder(configure);
        try
        {
            builder.Services.AddTundaStore(builder.Configuration);
            builder.Services.AddTundaMessaging();
            builder.Services.AddTundaEmail(builder.Configuration);
            builder.Services.AddTundaSecurity(builder.Configuration);
            builder.Services.AddTundaAccounts(builder.Configuration);
            builder.Services.AddTundaStaff(builder.Configuration, builder.Environment);
            builder.AddTundaPlatform();
            // The verb only queues: what its commands send (the invitation mail) is written to the durable
            // inbox for any node, and the running app's Wolverine handles it with its own mail settings.
            // No local queues, no node of its own, no background agents here.
            builder.Services.ConfigureWolverine(options => options.Durability.Mode = DurabilityMode.ServerlessWithOutbox);
            await using var app = builder.Build();
            await app.StartAsync();
            await app.Services.GetRequiredService<StoreStartup>().Ready.WaitAsync(TimeSpan.FromSeconds(60));
            await app.Services.GetRequiredService<SecurityDatabase>().MigrateAsync();
            var exit = await verb(app.Services);
            await app.StopAsync();
            return exit;
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException or Microsoft.Extensions.Options.OptionsValidationException)
        {
            await error.WriteLineAsync($"staff: {ex.Message}");
            return Failed;
        }
    }

    private static async Task<int> ListAsync(IServiceProvider services, TextWriter output)
    {
        var members = await services.GetRequiredService<CustomerSearch>().StaffAsync();
        if (members.Count == 0)
        {
            await output.WriteLineAsync("No staff members.");
            return Ok;
        }

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{"ID",-36}  {"NAME",-24}  {"E-MAIL",-32}  {"ROLES",-40}  STATUS"));
        foreach (var m in members)
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{m.StaffId,-36}  {m.Name,-24}  {m.Email,-32}  {StaffRoleNames.Format(m.Roles),-40}  {(m.Blocked ? "blocked" : "active")}"));
        }

        return Ok;
    }

    private static async Task<int> AddAsync(IServiceProvider services, AddOptions add, TextWriter output, TextWriter error)
    {
        if (add.Password is { } password && PasswordPolicy.Default.Check(password, add.Email, add.Name) is { Count: > 0 } weak)
        {
            return await RefusedAsync(error, weak);
        }

        var bus = services.GetRequiredService<ICommandSender>();
        var invited = await bus.InvokeAsync(new InviteStaffMember(Guid.NewGuid(), add.Name, add.Email, add.Roles, add.Language, SendMail: add.Password is null));
        if (invited.Value is not StaffInvitation invitation)
        {
            return await RefusedAsync(error, invited.Errors);
        }

        await output.WriteLineAsync($"Added staff member {invitation.StaffId} <{invitation.Email}> ({StaffRoleNames.Format(add.Roles)}).");
        if (add.Password is not null)
        {
            var accepted = await bus.InvokeAsync(new AcceptStaffInvitation(invitation.Token, add.Password));
            if (!accepted.Succeeded)
            {
                return await RefusedAsync(error, accepted.Errors);
            }

            await output.WriteLineAsync("Password set. The authenticator (TOTP) is enrolled at the first sign-in: /staff/accedi");
            return Ok;
        }

        await output.WriteLineAsync("One-time invitation link (valid 7 days; also mailed):");
        await output.WriteLineAsync(invitation.Link.ToString());
        return Ok;
    }

    private static async Task<int> RefusedAsync(TextWriter error, IEnumerable<DomainError> errors)
    {
        foreach (var e in errors)
        {
            await error.WriteLineAsync($"staff: {(e.Field is null ? "" : e.Field + ": ")}{e.Message} ({e.Code})");
        }

        return Failed;
    }

    private sealed record AddOptions(string Email, string Name, Domain.Staff.StaffRoles Roles, string Language, string? Password)
    {
        public static AddOptions? Parse(IReadOnlyList<string> args)
        {
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < args.Count; i += 2)
            {
                if (i + 1 >= args.Count || args[i] is not ("--email" or "--name" or "--role" or "--roles" or "--language" or "--password") || !values.TryAdd(args[i] == "--roles" ? "--role" : args[i], args[i + 1]))
                {
                    return null;
                }
            }

            var language = values.GetValueOrDefault("--language", Languages.Italian);
            return values.TryGetValue("--email", out var email) && values.TryGetValue("--name", out var name)
                && values.TryGetValue("--role", out var role) && StaffRoleNames.Parse([role]) is { } roles && Languages.IsSupported(language)
                ? new AddOptions(email, name, roles, language.ToLowerInvariant(), values.GetValueOrDefault("--password"))
                : null;
        }
    }
}
