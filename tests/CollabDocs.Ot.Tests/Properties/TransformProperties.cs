namespace CollabDocs.Ot.Tests.Properties;

public sealed class TransformProperties
{
    [Fact]
    public void Transform_Converges_InBothArgumentOrders()
    {
        PropertyCheck.Run(nameof(Transform_Converges_InBothArgumentOrders), c =>
        {
            string text = c.Note("text", c.Generate.Text(12));
            var a = c.Note("a", c.Generate.Operation(text));
            var b = c.Note("b", c.Generate.Operation(text));
            string afterA = a.Apply(text);
            string afterB = b.Apply(text);

            var (aPrime, bPrime) = TextOperation.Transform(a, b);
            string expected = bPrime.Apply(afterA);
            Assert.Equal(expected, aPrime.Apply(afterB));
            Assert.Equal(aPrime.TargetLength, bPrime.TargetLength);

            var (bSecond, aSecond) = TextOperation.Transform(b, a);
            Assert.Equal(aSecond.Apply(afterB), bSecond.Apply(afterA));
        });
    }

    [Fact]
    public void Transform_AgainstIdentity_ChangesNothing()
    {
        PropertyCheck.Run(nameof(Transform_AgainstIdentity_ChangesNothing), c =>
        {
            string text = c.Note("text", c.Generate.Text(12));
            var a = c.Note("a", c.Generate.Operation(text));

            var (aPrime, identityPrime) = TextOperation.Transform(a, TextOperation.Identity(text.Length));
            var (identitySecond, aSecond) = TextOperation.Transform(TextOperation.Identity(text.Length), a);

            Assert.Equal(a, aPrime);
            Assert.Equal(a, aSecond);
            Assert.Equal(TextOperation.Identity(a.TargetLength), identityPrime);
            Assert.Equal(TextOperation.Identity(a.TargetLength), identitySecond);
        });
    }
}
