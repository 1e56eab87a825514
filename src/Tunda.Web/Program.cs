using JasperFx;
using Tunda.Web.Configuration;
using Tunda.Web.Features.Health;
using Tunda.Web.Features.Messaging;

// Staff verbs (`./tunda messages ...`) share the app's configuration but do not serve.
if (args is ["messages", .. var verb])
{
    return await MessagesCommand.RunAsync(verb, Console.Out, Console.Error);
}

if (args is ["staff", .. var staffVerb])
{
    return await Tunda.Web.Features.Accounts.Staff.StaffCommand.RunAsync(staffVerb, Console.Out, Console.Error);
}

if (args is ["audit", .. var auditVerb])
{
    return await Tunda.Web.Features.Audit.AuditCommand.RunAsync(auditVerb, Console.Out, Console.Error);
}

if (args is ["mail", .. var mailVerb])
{
    return await Tunda.Web.Features.Inbound.MailCommand.RunAsync(mailVerb, Console.OpenStandardInput(), Console.Error);
}

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddTundaStore(builder.Configuration);
builder.Services.AddTundaMessaging();
builder.Services.AddTundaEmail(builder.Configuration);
builder.Services.AddTundaImapIntake(builder.Configuration);
builder.Services.AddTundaSecurity(builder.Configuration);
builder.Services.AddTundaAccounts(builder.Configuration);
builder.Services.AddTundaRegistrationAndSignIn(builder.Configuration);
builder.Services.AddTundaContacts();
builder.Services.AddTundaProfile();
builder.Services.AddTundaStaff(builder.Configuration, builder.Environment);
builder.Services.AddTundaInbound(builder.Configuration);
builder.Services.AddTundaHelpdesk(builder.Configuration);
builder.AddTundaPlatform();

var app = builder.Build();
app.UseTundaPlatform();     // ends with routing: authentication must come after it
app.UseTundaSecurity();
app.MapTundaPlatform();
app.MapHealth();
// A first argument that is a word (codegen, projections, db-apply, ...) is a Marten/Wolverine verb;
// options alone (--urls, or what a test host passes) just run the app.
if (args is [var first, ..] && !first.StartsWith('-'))
{
    return await app.RunJasperFxCommands(args);
}

await app.RunAsync();
return 0;

/// <summary>Entry point type, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
