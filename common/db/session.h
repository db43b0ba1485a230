#ifndef DANGBO_COMMON_DB_SESSION_H_
#define DANGBO_COMMON_DB_SESSION_H_

#include <cstdint>
#include <memory>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "cppconn/connection.h"
#include "cppconn/prepared_statement.h"
#include "cppconn/statement.h"

namespace dangbo::db {

// One open connection, leased to one thread at a time by the Pool. Connector/C++ connections
// are not thread-safe: a Session must never be shared between threads.
//
// Methods throw sql::SQLException like the connector does; the Pool turns those into statuses
// (FromSqlException) when they leave a transaction or read body.
class Session {
 public:
  // Takes an open, configured connection (see OpenConnection).
  explicit Session(std::unique_ptr<sql::Connection> connection);
  ~Session();

  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  // Prepares `sql` once per connection and returns the cached statement afterwards: prepared
  // point selects are the hot path, and a prepare costs a round trip. `sql` must be a constant
  // text with `?` placeholders (never values pasted in), or the cache grows without bound.
  // The statement lives as long as the Session. Read its ResultSet to the end (or destroy it)
  // before executing the same statement again.
  sql::PreparedStatement& Prepare(const std::string& sql);

  // Runs one statement without parameters (BEGIN, DDL, SET ...). Returns what
  // sql::Statement::execute returns: true when the statement produced a result set.
  bool Execute(const std::string& sql);

  // A plain statement for queries that cannot be prepared (some DDL, SHOW ...).
  sql::Statement& PlainStatement();

  // The server's id for this connection (CONNECTION_ID()), for logs and `KILL` in tests.
  uint64_t connection_id() const { return connection_id_; }

  sql::Connection& connection() { return *connection_; }

 private:
  std::unique_ptr<sql::Connection> connection_;
  std::unique_ptr<sql::Statement> plain_statement_;
  absl::flat_hash_map<std::string, std::unique_ptr<sql::PreparedStatement>> prepared_;
  uint64_t connection_id_ = 0;
};

}  // namespace dangbo::db

#endif  // DANGBO_COMMON_DB_SESSION_H_
