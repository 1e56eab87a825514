using Tunda.Mail.Parsing;

namespace Tunda.Mail.Classification;

public static class MailClassifier
{
    public static MailClassification Classify(ParsedMessage message, MailClassifierOptions options) =>
        throw new NotImplementedException("issue 5: the classification helper implements this");
}
