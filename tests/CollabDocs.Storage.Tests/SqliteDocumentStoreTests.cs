using CollabDocs.Storage.Tests.Infrastructure;

namespace CollabDocs.Storage.Tests;

/// <summary>The store specification on SQLite (the embedded default).</summary>
public sealed class SqliteDocumentStoreTests(SqliteStoreFixture fixture) : DocumentStoreSpecification<SqliteStoreFixture>(fixture);
