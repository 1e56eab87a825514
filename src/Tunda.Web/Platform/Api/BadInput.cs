using System.Text.Json;
using Tunda.Web.Platform.Input;

namespace Tunda.Web.Platform.Api;

/// <summary>
/// 400 for a request the API could not read: a text <see cref="TextPolicy"/> refused, a body that is
/// not JSON or not of the expected shape. <c>errors</c> names the field (the JSON path without
/// <c>$.</c>, or the parameter) with a message in the request's language, <c>code</c> says which kind.
/// </summary>
public static class BadInput
{
    public const string TextCode = "request.invalid_text";
    public const string JsonCode = "request.invalid_json";
    public const string BodyCode = "request.body_required";

    public static IResult Text(string field, TextFault fault) => Problem(TextCode, field, TextPolicy.MessageKey(fault));

    /// <summary>
    /// What a JSON reading failure tells the client: the field (where the serializer stopped) and,
    /// when <paramref name="body"/> is known, the kind of value that field takes.
    /// </summary>
    public static IResult Json(JsonException exception, Type? body)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var field = FieldOf(exception.Path);
        if (exception is TextRejectedException rejected)
        {
            return Text(field, rejected.Fault);
        }

        var kind = body is null || field == Body || !IsConversion(exception) ? null : JsonFieldKind.Of(body, field);
        return kind switch
        {
            null => Problem(JsonCode, field, "input.json.malformed"),
            ("choice", var values) => Problem(JsonCode, field, "input.json.choice", string.Join(", ", values)),
            var (name, _) => Problem(JsonCode, field, "input.json." + name),
        };
    }

    // A value of the wrong kind, as opposed to JSON that breaks off or is not JSON at all.
    private static bool IsConversion(JsonException exception) =>
        exception.Message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal);

    public static IResult BodyRequired() => Problem(BodyCode, Body, "input.body_required");

    private const string Body = "body";

    private static IResult Problem(string code, string field, string messageKey, params object?[] values) => new LocalisedProblem((problem, texts, culture) =>
    {
        problem.Status = StatusCodes.Status400BadRequest;
        problem.Title = texts.In(culture, ApiProblems.TitleKey(StatusCodes.Status400BadRequest));
        problem.Detail = texts.In(culture, "error." + code);
        problem.Extensions["code"] = code;
        problem.Extensions["errors"] = new Dictionary<string, string[]> { [field] = [texts.In(culture, messageKey, values)] };
    });

    /// <summary>"$.contacts[2].name" → "contacts[2].name"; the whole body when there is no path.</summary>
    private static string FieldOf(string? path) => path switch
    {
        null or "" or "$" => Body,
        _ when path.StartsWith("$.", StringComparison.Ordinal) => path[2..],
        _ => path.TrimStart('$'),
    };
}
