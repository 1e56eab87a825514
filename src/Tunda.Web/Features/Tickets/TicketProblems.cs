using Tunda.Domain;
using Tunda.Domain.Tickets;
using Tunda.Web.Platform.Api;
using Tunda.Web.Platform.Commands;

namespace Tunda.Web.Features.Tickets;

/// <summary>Ticket refusals as problem+json: a field's rule 422 naming the field, not allowed 403, not found 404, changed meanwhile 409.</summary>
public static class TicketProblems
{
    public static IResult For(InvokeResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var errors = result.Errors;
        if (errors.Any(e => e == TicketAuthors.NotAllowed))
        {
            return Status(TicketAuthors.NotAllowed, StatusCodes.Status403Forbidden);
        }

        if (errors.Any(e => e == StaffTicketHandler.ChangedMeanwhile) || result.Status == InvokeStatus.Conflict)
        {
            return Status(errors[0], StatusCodes.Status409Conflict);
        }

        return errors.Any(e => e.Field is not null)
            ? ApiResults.ValidationProblem(errors.Where(e => e.Field is not null).Select(e => new FieldError(e.Field!, e)))
            : ApiResults.Problem(errors[0]);
    }

    public static IResult NotFound() => Status(TicketErrors.NotFound, StatusCodes.Status404NotFound);

    private static IResult Status(DomainError error, int status) => new LocalisedProblem((problem, texts, culture) =>
    {
        problem.Status = status;
        problem.Title = texts.In(culture, ApiProblems.TitleKey(status));
        problem.Detail = texts.Error(error, culture);
        problem.Extensions["code"] = error.Code;
    });
}
