namespace Tunda.Messaging.Workers;

/// <summary>A queue row this node owns until it handles it, fails it, or is declared dead.</summary>
internal sealed record ClaimedMessage(Guid Id, string Type, string Body, string Metadata, int Attempts, long Position);
