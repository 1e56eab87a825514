using System.Text.Json;
using Tunda.Domain;
using Tunda.Domain.Identity;
using Tunda.Domain.Logins;
using Tunda.Domain.Staff;
using Tunda.EventStore;
using Tunda.Messaging;
using Tunda.Messaging.Handlers;
using Tunda.Projections;
using Tunda.Web.Features.Email;
using Tunda.Web.Platform.Links;
using Tunda.Web.Security;
using Tunda.Web.Security.Credentials;
using Tunda.Web.Security.Sessions;
using Tunda.Web.Security.Tokens;

namespace Tunda.Web.Features.Accounts.Staff;

/// <summary>Adding staff members (invitation link), accepting the invitation, roles and blocking.</summary>
internal static class StaffMemberHandlers
{
    public const string InvitationPurpose = "staff-invitation";
    public static readonly TimeSpan InvitationLifetime = TimeSpan.FromDays(7);

    public static void Register(MessagingOptions messaging, IServiceProvider services)
    {
        messaging.Handlers.Handle<InviteStaffMember, object>((command, context, ct) => InviteAsync(command, context, services, ct));
        messaging.Handlers.Handle<AcceptStaffInvitation, object>((command, context, ct) => AcceptAsync(command, context, services, ct));
        messaging.Handlers.Aggregate(Member<ChangeMemberRoles>(c => c.StaffId, (s, c, now) => StaffDecider.Decide(s, new ChangeStaffRoles(c.StaffId, c.Roles), now), then:
            (step, context, _) => Task.FromResult(IsSelf(context, step.Command.StaffId) && !step.Command.Roles.HasFlag(StaffRoles.Administrator) ? StaffErrors.SelfLockout : null)));
        messaging.Handlers.Aggregate(Member<UnblockMember>(c => c.StaffId, (s, c, now) => StaffDecider.Decide(s, new UnblockStaffMember(c.StaffId), now)));
        messaging.Handlers.Aggregate(Member<BlockMember>(c => c.StaffId, (s, c, now) => StaffDecider.Decide(s, new BlockStaffMember(c.StaffId), now), then:
            // The next request re-reads the member anyway; ending the sessions also clears half-finished sign-ins.
            async (step, context, ct) =>
            {
                if (IsSelf(context, step.Command.StaffId))
                {
                    return StaffErrors.SelfLockout;
                }

                await services.GetRequiredService<SessionStore>().RevokeAllOfLoginAsync(
                    LoginId.For(LoginRealm.Staff, step.Before.Email), connection: context.Connection, transaction: context.Transaction, cancellationToken: ct);
                return null;
            }));
    }

    /// <summary>An administrator never locks themselves out (blocking themselves, dropping their own administrator role).</summary>
    private static bool IsSelf(MessageContext context, Guid staffId) =>
        context.Metadata.Actor is { Kind: ActorKind.Staff } actor && actor.Id == staffId.ToString();

    private static AggregateHandler<TCommand, StaffMember> Member<TCommand>(
        Func<TCommand, Guid> id, Func<StaffMember, TCommand, DateTimeOffset, Decision> decide, Func<AggregateStep<TCommand, StaffMember>, MessageContext, CancellationToken, Task<DomainError?>>? then = null)
        where TCommand : notnull => new()
        {
            StreamType = StaffDecider.StreamType,
            StreamId = id,
            Initial = _ => StaffMember.Empty,
            Evolve = StaffMember.Evolve,
            Decide = decide,
            Then = then,
        };

    private static async Task<object> InviteAsync(InviteStaffMember command, MessageContext context, IServiceProvider services, CancellationToken ct)
    {
        var decision = await StreamSteps.DecideAsync(
            context, StaffDecider.StreamType, command.StaffId, StaffMember.Empty, StaffMember.Evolve,
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

        if (await StaffDirectory.ForEmailAsync(context.Connection, context.Store.Schema, added.Email, context.Transaction) is not null)
        {
            return StaffErrors.EmailTaken;
        }

        var tokens = services.GetRequiredService<OneTimeTokens>();
        var payload = JsonSerializer.Serialize(new { staffId = added.StaffId, email = added.Email });
        var token = await tokens.IssueAsync(InvitationPurpose, added.Email, InvitationLifetime, payload, context.Connection, context.Transaction, ct);
        var link = services.GetRequiredService<PublicUrls>().Link("/staff/invito", new Dictionary<string, string?> { ["token"] = token });
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

    private static async Task<object> AcceptAsync(AcceptStaffInvitation command, MessageContext context, IServiceProvider services, CancellationToken ct)
    {
        var consumed = await services.GetRequiredService<OneTimeTokens>().ConsumeAsync(InvitationPurpose, command.Token, context.Connection, context.Transaction, ct);
        var member = consumed is null ? null : await StaffDirectory.ForEmailAsync(context.Connection, context.Store.Schema, consumed.Subject, context.Transaction);
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
        var decision = await StreamSteps.DecideAsync(
            context, LoginDecider.StreamType, loginId, Login.Empty, Login.Evolve,
            state => LoginDecider.Decide(state, new SetPassword(LoginRealm.Staff, member.Email, "staff-invitation"), context.Now), ct);
        if (!decision.IsAccepted)
        {
            return decision;
        }

        await services.GetRequiredService<CredentialStore>().SetPasswordAsync(LoginRealm.Staff, member.Email, command.Password, context.Connection, context.Transaction, ct);
        return member.Email;
    }
}
