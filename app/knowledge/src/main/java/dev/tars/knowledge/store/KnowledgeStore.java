package dev.tars.knowledge.store;

import dev.tars.knowledge.CollectionInfo;
import dev.tars.knowledge.DocumentInfo;
import dev.tars.knowledge.DocumentStatus;
import dev.tars.knowledge.chunk.Chunk;
import dev.tars.knowledge.document.NotIndexedReason;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import javax.sql.DataSource;

/** Knowledge metadata in H2: collections, documents with their status, chunks. Thread-safe. */
public final class KnowledgeStore {
  private static final String DOC_COLUMNS =
      "id, collection_id, path, status, reason, media_type, size_bytes, pages, chunk_count, reason_text";

  private final DataSource dataSource;

  public KnowledgeStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** A document row as the ingestion pipeline needs it. */
  public record StoredDocument(long id, long collectionId, Path path, String contentHash, long sizeBytes,
      long modifiedMs, DocumentStatus status) {}

  public List<CollectionInfo> collections() {
    return query("""
        SELECT c.id, c.name, COUNT(d.id), COALESCE(SUM(d.chunk_count), 0)
        FROM kn_collection c LEFT JOIN kn_document d ON d.collection_id = c.id
        GROUP BY c.id, c.name ORDER BY c.name""", ps -> {}, rs -> new CollectionInfo(rs.getLong(1),
        rs.getString(2), rs.getInt(3), rs.getInt(4)));
  }

  public long collectionId(String name) {
    try (Connection c = dataSource.getConnection()) {
      try (PreparedStatement ps = c.prepareStatement("SELECT id FROM kn_collection WHERE name = ?")) {
        ps.setString(1, name);
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next()) {
            return rs.getLong(1);
          }
        }
      }
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO kn_collection (name, created_at) VALUES (?, ?)", Statement.RETURN_GENERATED_KEYS)) {
        ps.setString(1, name);
        ps.setObject(2, OffsetDateTime.now());
        ps.executeUpdate();
        try (ResultSet rs = ps.getGeneratedKeys()) {
          rs.next();
          return rs.getLong(1);
        }
      }
    } catch (SQLException e) {
      throw new StoreException("Cannot create collection " + name, e);
    }
  }

  public Optional<StoredDocument> find(long collectionId, Path path) {
    return query("SELECT id, collection_id, path, content_hash, size_bytes, modified_ms, status FROM kn_document "
        + "WHERE collection_id = ? AND path = ?", ps -> {
          ps.setLong(1, collectionId);
          ps.setString(2, path.toString());
        }, KnowledgeStore::stored).stream().findFirst();
  }

  public Optional<StoredDocument> get(long id) {
    return query("SELECT id, collection_id, path, content_hash, size_bytes, modified_ms, status FROM kn_document "
        + "WHERE id = ?", ps -> ps.setLong(1, id), KnowledgeStore::stored).stream().findFirst();
  }

  private static StoredDocument stored(ResultSet rs) throws SQLException {
    return new StoredDocument(rs.getLong(1), rs.getLong(2), Path.of(rs.getString(3)), rs.getString(4),
        rs.getLong(5), rs.getLong(6), DocumentStatus.valueOf(rs.getString(7)));
  }

  /** Inserts a new queued document and returns its id. */
  public long insertQueued(long collectionId, Path path, String hash, long size, long modifiedMs) {
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
        INSERT INTO kn_document (collection_id, path, content_hash, size_bytes, modified_ms, status, queued_seq,
          updated_at) VALUES (?, ?, ?, ?, ?, 'QUEUED', ?, ?)""", Statement.RETURN_GENERATED_KEYS)) {
      ps.setLong(1, collectionId);
      ps.setString(2, path.toString());
      ps.setString(3, hash);
      ps.setLong(4, size);
      ps.setLong(5, modifiedMs);
      ps.setLong(6, System.nanoTime());
      ps.setObject(7, OffsetDateTime.now());
      ps.executeUpdate();
      try (ResultSet rs = ps.getGeneratedKeys()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw new StoreException("Cannot add document " + path, e);
    }
  }

  /** Marks a known document for (re-)indexing with its new content hash. */
  public void requeue(long id, String hash, long size, long modifiedMs) {
    update("UPDATE kn_document SET content_hash = ?, size_bytes = ?, modified_ms = ?, status = 'QUEUED', "
        + "reason = NULL, queued_seq = ?, updated_at = ? WHERE id = ?", ps -> {
          ps.setString(1, hash);
          ps.setLong(2, size);
          ps.setLong(3, modifiedMs);
          ps.setLong(4, System.nanoTime());
          ps.setObject(5, OffsetDateTime.now());
          ps.setLong(6, id);
        });
  }

  public void touch(long id, long modifiedMs) {
    update("UPDATE kn_document SET modified_ms = ? WHERE id = ?", ps -> {
      ps.setLong(1, modifiedMs);
      ps.setLong(2, id);
    });
  }

  /** Queued documents, oldest first, at most {@code limit}. */
  public List<StoredDocument> queued(int limit) {
    return query("SELECT id, collection_id, path, content_hash, size_bytes, modified_ms, status FROM kn_document "
        + "WHERE status = 'QUEUED' ORDER BY queued_seq, id LIMIT ?", ps -> ps.setInt(1, limit),
        KnowledgeStore::stored);
  }

  public long queuedBytes() {
    return query("SELECT COALESCE(SUM(size_bytes), 0), COUNT(*) FROM kn_document WHERE status = 'QUEUED'",
        ps -> {}, rs -> rs.getLong(1)).getFirst();
  }

  public int count(DocumentStatus status) {
    return query("SELECT COUNT(*) FROM kn_document WHERE status = ?", ps -> ps.setString(1, status.name()),
        rs -> rs.getInt(1)).getFirst();
  }

  public List<StoredDocument> withStatus(DocumentStatus status) {
    return query("SELECT id, collection_id, path, content_hash, size_bytes, modified_ms, status FROM kn_document "
        + "WHERE status = ?", ps -> ps.setString(1, status.name()), KnowledgeStore::stored);
  }

  /** Moves a document to a new status only if it is still in {@code expected} (claims a job atomically). */
  public boolean transition(long id, DocumentStatus expected, DocumentStatus next) {
    return update("UPDATE kn_document SET status = ?, updated_at = ? WHERE id = ? AND status = ?", ps -> {
      ps.setString(1, next.name());
      ps.setObject(2, OffsetDateTime.now());
      ps.setLong(3, id);
      ps.setString(4, expected.name());
    }) == 1;
  }

  public void setStatus(long id, DocumentStatus status) {
    update("UPDATE kn_document SET status = ?, updated_at = ? WHERE id = ?", ps -> {
      ps.setString(1, status.name());
      ps.setObject(2, OffsetDateTime.now());
      ps.setLong(3, id);
    });
  }

  /** Marks a document failed, keeping its reason in English (for anyone reading the table) and as a key. */
  public void fail(long id, NotIndexedReason reason) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement del = c.prepareStatement("DELETE FROM kn_chunk WHERE document_id = ?");
          PreparedStatement ps = c.prepareStatement("UPDATE kn_document SET status = 'FAILED', reason = ?, "
              + "reason_text = ?, chunk_count = 0, updated_at = ? WHERE id = ?")) {
        del.setLong(1, id);
        del.executeUpdate();
        String english = reason.english();
        String stored = reason.stored();
        ps.setString(1, english.length() > 2000 ? english.substring(0, 1997) + "..." : english);
        // A reason too long to keep whole is shown from its English, cut, rather than from broken JSON.
        ps.setString(2, stored.length() > 4000 ? null : stored);
        ps.setObject(3, OffsetDateTime.now());
        ps.setLong(4, id);
        ps.executeUpdate();
        c.commit();
      } catch (SQLException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new StoreException("Cannot record failure of document " + id, e);
    }
  }

  /** Replaces a document's chunks and marks it indexed, in one transaction. */
  public void markIndexed(long id, String mediaType, int pages, List<Chunk> chunks) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement del = c.prepareStatement("DELETE FROM kn_chunk WHERE document_id = ?");
          PreparedStatement ins = c.prepareStatement("INSERT INTO kn_chunk (document_id, ordinal, page, "
              + "start_offset, end_offset, text) VALUES (?, ?, ?, ?, ?, ?)");
          PreparedStatement doc = c.prepareStatement("UPDATE kn_document SET status = 'INDEXED', reason = NULL, "
              + "media_type = ?, pages = ?, chunk_count = ?, updated_at = ? WHERE id = ?")) {
        del.setLong(1, id);
        del.executeUpdate();
        for (Chunk ch : chunks) {
          ins.setLong(1, id);
          ins.setInt(2, ch.ordinal());
          ins.setInt(3, ch.page());
          ins.setInt(4, ch.start());
          ins.setInt(5, ch.end());
          ins.setString(6, ch.text());
          ins.addBatch();
        }
        ins.executeBatch();
        doc.setString(1, mediaType);
        doc.setInt(2, pages);
        doc.setInt(3, chunks.size());
        doc.setObject(4, OffsetDateTime.now());
        doc.setLong(5, id);
        doc.executeUpdate();
        c.commit();
      } catch (SQLException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new StoreException("Cannot store chunks of document " + id, e);
    }
  }

  public void delete(long id) {
    update("DELETE FROM kn_document WHERE id = ?", ps -> ps.setLong(1, id));
  }

  public List<DocumentInfo> documents(OptionalLong collectionId) {
    String where = collectionId.isPresent() ? " WHERE collection_id = ?" : "";
    return query("SELECT " + DOC_COLUMNS + " FROM kn_document" + where + " ORDER BY path", ps -> {
      if (collectionId.isPresent()) {
        ps.setLong(1, collectionId.getAsLong());
      }
    }, KnowledgeStore::documentInfo);
  }

  public Optional<DocumentInfo> document(long id) {
    return query("SELECT " + DOC_COLUMNS + " FROM kn_document WHERE id = ?", ps -> ps.setLong(1, id),
        KnowledgeStore::documentInfo).stream().findFirst();
  }

  private static DocumentInfo documentInfo(ResultSet rs) throws SQLException {
    String reason = rs.getString(5);
    return new DocumentInfo(rs.getLong(1), rs.getLong(2), Path.of(rs.getString(3)),
        DocumentStatus.valueOf(rs.getString(4)),
        reason == null ? null : NotIndexedReason.fromStored(rs.getString(10), reason), rs.getString(6), rs.getLong(7),
        rs.getInt(8), rs.getInt(9));
  }

  public int totalChunks() {
    return query("SELECT COUNT(*) FROM kn_chunk", ps -> {}, rs -> rs.getInt(1)).getFirst();
  }

  public List<Chunk> chunks(long documentId) {
    return query("SELECT ordinal, page, start_offset, end_offset, text FROM kn_chunk WHERE document_id = ? "
        + "ORDER BY ordinal", ps -> ps.setLong(1, documentId), rs -> new Chunk(rs.getInt(1), rs.getInt(2),
        rs.getInt(3), rs.getInt(4), rs.getString(5)));
  }

  /** The model and dimension the stored vectors were made with, if any were made yet. */
  public Optional<String[]> indexModel() {
    return query("SELECT model, dimension FROM kn_index_meta WHERE id = 1", ps -> {},
        rs -> new String[] {rs.getString(1), Integer.toString(rs.getInt(2))}).stream().findFirst();
  }

  public void setIndexModel(String model, int dimension) {
    update("MERGE INTO kn_index_meta (id, model, dimension) KEY (id) VALUES (1, ?, ?)", ps -> {
      ps.setString(1, model);
      ps.setInt(2, dimension);
    });
  }

  /** Every document back to the queue and every chunk gone: used when the embedding model changes. */
  public void requeueAll() {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.executeUpdate("DELETE FROM kn_chunk");
        s.executeUpdate("UPDATE kn_document SET status = 'QUEUED', reason = NULL, chunk_count = 0 "
            + "WHERE status <> 'REMOVING'");
        c.commit();
      } catch (SQLException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new StoreException("Cannot requeue documents", e);
    }
  }

  @FunctionalInterface
  private interface Binder {
    void bind(PreparedStatement ps) throws SQLException;
  }

  @FunctionalInterface
  private interface RowMapper<T> {
    T map(ResultSet rs) throws SQLException;
  }

  private <T> List<T> query(String sql, Binder binder, RowMapper<T> mapper) {
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      binder.bind(ps);
      try (ResultSet rs = ps.executeQuery()) {
        List<T> out = new ArrayList<>();
        while (rs.next()) {
          out.add(mapper.map(rs));
        }
        return out;
      }
    } catch (SQLException e) {
      throw new StoreException("Knowledge query failed", e);
    }
  }

  private int update(String sql, Binder binder) {
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      binder.bind(ps);
      return ps.executeUpdate();
    } catch (SQLException e) {
      throw new StoreException("Knowledge update failed", e);
    }
  }

  /** A database failure: not a problem of one document, so it stops the job. */
  public static final class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
      super(message + ": " + cause.getMessage(), cause);
    }
  }
}
