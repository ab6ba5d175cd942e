using CollabDocs.Storage.Tests.Infrastructure;
using Xunit.Abstractions;

namespace CollabDocs.Storage.Tests;

/// <summary>The store specification on PostgreSQL (<see cref="PostgreSqlServer"/>; fails in CI without it).</summary>
[RequiresPostgreSql]
public sealed class PostgreSqlDocumentStoreTests(PostgreSqlStoreFixture fixture, ITestOutputHelper output) : DocumentStoreSpecification<PostgreSqlStoreFixture>(fixture, output);
