using System.ComponentModel.DataAnnotations;
using System.Reflection;

namespace Tunda.Web.Platform.Input;

/// <summary>Which fields may hold line breaks: the ones marked <c>[DataType(DataType.MultilineText)]</c>, as the form renders them.</summary>
public static class MultiLineText
{
    public static bool IsMarked(ICustomAttributeProvider? member) =>
        member?.GetCustomAttributes(typeof(DataTypeAttribute), inherit: true).OfType<DataTypeAttribute>().Any(a => a.DataType == DataType.MultilineText) == true;
}
