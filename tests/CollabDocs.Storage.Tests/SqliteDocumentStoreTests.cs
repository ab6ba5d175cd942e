using CollabDocs.Storage.Tests.Infrastructure;
using Xunit.Abstractions;

namespace CollabDocs.Storage.Tests;

/// <summary>The store specification on SQLite (the embedded default).</summary>
public sealed class SqliteDocumentStoreTests(SqliteStoreFixture fixture, ITestOutputHelper output) : DocumentStoreSpecification<SqliteStoreFixture>(fixture, output);
