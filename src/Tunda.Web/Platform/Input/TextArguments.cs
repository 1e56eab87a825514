using Tunda.Web.Platform.Api;

namespace Tunda.Web.Platform.Input;

/// <summary>
/// The API's string parameters bound from the route, the query or a header go through
/// <see cref="TextPolicy"/> before the endpoint runs (bodies are checked while they are read, by
/// <see cref="TextJsonConverter"/>): a refused one answers 400 naming the parameter.
/// </summary>
public static class TextArguments
{
    public static TBuilder CheckTextArguments<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilterFactory((factory, next) =>
        {
            var texts = factory.MethodInfo.GetParameters()
                .Select((parameter, index) => (Parameter: parameter, Index: index))
                .Where(p => p.Parameter.ParameterType == typeof(string))
                .ToArray();
            if (texts.Length == 0)
            {
                return next;
            }

            return async context =>
            {
                foreach (var (parameter, index) in texts)
                {
                    if (context.Arguments[index] is not string value)
                    {
                        continue;
                    }

                    if (TextPolicy.Check(value, MultiLineText.IsMarked(parameter)) is { } fault)
                    {
                        return BadInput.Text(parameter.Name!, fault);
                    }

                    context.Arguments[index] = TextPolicy.Normalise(value);
                }

                return await next(context);
            };
        });
}
