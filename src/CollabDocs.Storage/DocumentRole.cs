namespace CollabDocs.Storage;

/// <summary>What a user may do with a document; each role includes the ones below it.</summary>
public enum DocumentRole
{
    /// <summary>No access.</summary>
    None = 0,

    /// <summary>Join, read, see and publish presence, time travel.</summary>
    Viewer = 1,

    /// <summary>Everything a viewer may, plus submit operations.</summary>
    Editor = 2,

    /// <summary>Everything an editor may, plus grant and revoke roles, create share links and delete.</summary>
    Owner = 3,
}
