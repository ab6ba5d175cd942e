namespace CollabDocs.Ot.Tests.Properties;

public sealed class InvertProperties
{
    [Fact]
    public void Invert_RoundTrips()
    {
        PropertyCheck.Run(nameof(Invert_RoundTrips), c =>
        {
            string text = c.Note("text", c.Generate.Text(12));
            var op = c.Note("op", c.Generate.Operation(text));
            string after = op.Apply(text);

            var inverse = op.Invert(text);

            Assert.Equal(text, inverse.Apply(after));
            Assert.Equal(op, inverse.Invert(after));
            Assert.Equal(text, op.Compose(inverse).Apply(text));
            Assert.Equal(after, inverse.Compose(op).Apply(after));
        });
    }
}
