using System.Text.Json;
using Tunda.Domain;
using Tunda.Domain.Identity;
using Tunda.Domain.Logins;
using Tunda.Domain.Staff;
using Tunda.Web.Platform.Commands;
using Tunda.Projections;
using Tunda.Web.Features.Email;
using Tunda.Web.Platform.Links;
using Tunda.Web.Security;
using Tunda.Web.Security.Credentials;
using Tunda.Web.Security.Sessions;
using Tunda.Web.Security.Tokens;
using Marten;
using Wolverine;

namespace Tunda.Web.Features.Accounts.Staff;

/// <summary>Adding staff members (invitation link), accepting the invitation, roles and blocking.</summary>
public static class StaffMemberHandler
{
    public const string InvitationPurpose = "staff-invitation";
    public static readonly TimeSpan InvitationLifetime = TimeSpan.FromDays(7);

    public static Task<InvokeResult> Handle(InviteStaffMember command, IDocumentSession session, IMessageContext bus, UnitOfWork work, OneTimeTokens tokens, PublicUrls urls, CancellationToken ct) =>
        work.RunAsync(session, bus, context => InviteAsync(command, context, tokens, urls, ct), ct);

    public static Task<InvokeResult> Handle(AcceptStaffInvitation command, IDocumentSession session, IMessageContext bus, UnitOfWork work, OneTimeTokens tokens, CredentialStore credentials, CancellationToken ct) =>
        work.RunAsync(session, bus, context => AcceptAsync(command, context, tokens, credentials, ct), ct);

    public static Task<InvokeResult> Handle(ChangeMemberRoles command, IDocumentSession session, IMessageContext bus, UnitOfWork work, CancellationToken ct) =>
        work.RunAsync(session, bus, context => Member<ChangeMemberRoles>(c => c.StaffId, (s, c, now) => StaffDecider.Decide(s, new ChangeStaffRoles(c.StaffId, c.Roles), now), then:
            (step, context, _) => Task.FromResult(IsSelf(context, step.Command.StaffId) && !step.Command.Roles.HasFlag(StaffRoles.Administrator) ? StaffErrors.SelfLockout : null))
            .HandleAsync(command, context, ct), ct);

    public static Task<InvokeResult> Handle(UnblockMember command, IDocumentSession session, IMessageContext bus, UnitOfWork work, CancellationToken ct) =>
        work.RunAsync(session, bus, context => Member<UnblockMember>(c => c.StaffId, (s, c, now) => StaffDecider.Decide(s, new UnblockStaffMember(c.StaffId), now))
            .HandleAsync(command, context, ct), ct);

    public static Task<InvokeResult> Handle(BlockMember command, IDocumentSession session, IMessageContext bus, UnitOfWork work, SessionStore sessions, CancellationToken ct) =>
        work.RunAsync(session, bus, context => Member<BlockMember>(c => c.StaffId, (s, c, now) => StaffDecider.Decide(s, new BlockStaffMember(c.StaffId), now), then:
            // The next request re-reads the member anyway; ending the sessions also clears half-finished sign-ins.
            async (step, context, ct) =>
            {
                if (IsSelf(context, step.Command.StaffId))
                {
                    return StaffErrors.SelfLockout;
                }

                await sessions.RevokeAllOfLoginAsync(
                    LoginId.For(LoginRealm.Staff, step.Before.Email), connection: context.Connection, transaction: context.Transaction, cancellationToken: ct);
                return null;
            }).HandleAsync(command, context, ct), ct);

    /// <summary>An administrator never locks themselves out (blocking themselves, dropping their own administrator role).</summary>
    private static bool IsSelf(CommandContext context, Guid staffId) =>
        context.Metadata.Actor is { Kind: ActorKind.Staff } actor && actor.Id == staffId.ToString();

    private static AggregateHandler<TCommand, StaffMember> Member<TCommand>(
        Func<TCommand, Guid> id, Func<StaffMember, TCommand, DateTimeOffset, Decision> decide, Func<AggregateStep<TCommand, StaffMember>, CommandContext, CancellationToken, Task<DomainError?>>? then = null)
        where TCommand : notnull => new()
        {
            StreamId = id,
            Initial = StaffMember.Empty,
            Decide = decide,
            Then = then,
        };

    private static async Task<object?> InviteAsync(InviteStaffMember command, CommandContext context, OneTimeTokens tokens, PublicUrls urls, CancellationToken ct)
    {
        var decision = await StreamSteps.DecideAsync(context, command.StaffId, StaffMember.Empty,
            state => StaffDecider.Decide(state, new AddStaffMember(command.StaffId, command.Name, command.Email, command.Roles), context.Now), ct);
        if (!decision.IsAccepted)
        {
            return decision;
        }

        var added = (StaffMemberAdded)decision.Events[0];
        // Racing invitations of one address queue here until the first commits; then the directory shows it.
        await using (var serialise = context.Command("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))"))
        {
            serialise.Parameters.AddWithValue("tunda-staff-email:" + added.Email);
            await serialise.ExecuteNonQueryAsync(ct);
        }

        if (await StaffDirectory.ForEmailAsync(context.Session, added.Email, ct) is not null)
        {
            return StaffErrors.EmailTaken;
        }

        var payload = JsonSerializer.Serialize(new { staffId = added.StaffId, email = added.Email });
        var token = await tokens.IssueAsync(InvitationPurpose, added.Email, InvitationLifetime, payload, context.Connection, context.Transaction, ct);
        var link = urls.Link("/staff/invito", new Dictionary<string, string?> { ["token"] = token });
        if (command.SendMail)
        {
            context.Publish(new SendEmail(Guid.NewGuid(), "staff-invitation", command.Language, added.Email, added.Name, new Dictionary<string, string>
            {
                ["name"] = added.Name,
                ["role"] = StaffRoleNames.Format(added.Roles),
                ["invitationLink"] = link.ToString(),
            }));
        }

        return new StaffInvitation(added.StaffId, added.Email, link, token);
    }

    private static async Task<object?> AcceptAsync(AcceptStaffInvitation command, CommandContext context, OneTimeTokens tokens, CredentialStore credentials, CancellationToken ct)
    {
        var consumed = await tokens.ConsumeAsync(InvitationPurpose, command.Token, context.Connection, context.Transaction, ct);
        var member = consumed is null ? null : await StaffDirectory.ForEmailAsync(context.Session, consumed.Subject, ct);
        if (member is null || member.Blocked)
        {
            return StaffErrors.InvalidInvitation;
        }

        var weak = PasswordPolicy.Default.Check(command.Password, member.Email, member.Name);
        if (weak.Count > 0)
        {
            return Decision.Reject(weak);
        }

        var loginId = LoginId.For(LoginRealm.Staff, member.Email);
        var decision = await StreamSteps.DecideAsync(context, loginId, Login.Empty,
            state => LoginDecider.Decide(state, new SetPassword(LoginRealm.Staff, member.Email, "staff-invitation"), context.Now), ct);
        if (!decision.IsAccepted)
        {
            return decision;
        }

        await credentials.SetPasswordAsync(LoginRealm.Staff, member.Email, command.Password, context.Connection, context.Transaction, ct);
        return member.Email;
    }
}
