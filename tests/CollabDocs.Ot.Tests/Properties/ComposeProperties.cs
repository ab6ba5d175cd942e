namespace CollabDocs.Ot.Tests.Properties;

public sealed class ComposeProperties
{
    [Fact]
    public void Compose_AppliesLikeBothInTurn()
    {
        PropertyCheck.Run(nameof(Compose_AppliesLikeBothInTurn), c =>
        {
            string text = c.Note("text", c.Generate.Text(12));
            var a = c.Note("a", c.Generate.Operation(text));
            string afterA = a.Apply(text);
            var b = c.Note("b", c.Generate.Operation(afterA));

            var composed = a.Compose(b);

            Assert.Equal(b.Apply(afterA), composed.Apply(text));
            Assert.Equal(a.BaseLength, composed.BaseLength);
            Assert.Equal(b.TargetLength, composed.TargetLength);
        });
    }

    [Fact]
    public void Compose_IsAssociative()
    {
        PropertyCheck.Run(nameof(Compose_IsAssociative), c =>
        {
            string text = c.Note("text", c.Generate.Text(12));
            var ops = c.Note("ops", c.Generate.Sequence(text, 3));

            Assert.Equal(ops[0].Compose(ops[1]).Compose(ops[2]), ops[0].Compose(ops[1].Compose(ops[2])));
        });
    }
}
