using Xunit.Sdk;

namespace CollabDocs.Storage.Tests.Infrastructure;

/// <summary>
/// A fact of the store specification. It runs like <see cref="FactAttribute"/>, except in a class marked
/// <see cref="RequiresPostgreSqlAttribute"/> on a machine without PostgreSQL outside CI, where it is skipped.
/// </summary>
[XunitTestCaseDiscoverer("CollabDocs.Storage.Tests.Infrastructure.StoreFactDiscoverer", "CollabDocs.Storage.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class StoreFactAttribute : FactAttribute;
