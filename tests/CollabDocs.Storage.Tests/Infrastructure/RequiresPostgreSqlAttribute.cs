namespace CollabDocs.Storage.Tests.Infrastructure;

/// <summary>Marks a test class whose <see cref="StoreFactAttribute"/> tests need <see cref="PostgreSqlServer"/>.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class RequiresPostgreSqlAttribute : Attribute;
