#include "common/db/session.h"

#include <utility>

#include "cppconn/resultset.h"

namespace dangbo::db {

Session::Session(std::unique_ptr<sql::Connection> connection) : connection_(std::move(connection)) {
  std::unique_ptr<sql::ResultSet> rs(PlainStatement().executeQuery("SELECT CONNECTION_ID()"));
  if (rs->next()) connection_id_ = rs->getUInt64(1);
}

Session::~Session() {
  // Statements must be closed before the connection they belong to.
  prepared_.clear();
  plain_statement_.reset();
}

sql::PreparedStatement& Session::Prepare(const std::string& sql) {
  auto it = prepared_.find(sql);
  if (it == prepared_.end()) {
    std::unique_ptr<sql::PreparedStatement> statement(connection_->prepareStatement(sql));
    it = prepared_.emplace(sql, std::move(statement)).first;
  }
  return *it->second;
}

bool Session::Execute(const std::string& sql) {
  sql::Statement& statement = PlainStatement();
  const bool has_result = statement.execute(sql);
  // An unread result would leave the connection out of sync for the next command.
  if (has_result) std::unique_ptr<sql::ResultSet>(statement.getResultSet());
  return has_result;
}

sql::Statement& Session::PlainStatement() {
  if (plain_statement_ == nullptr) plain_statement_.reset(connection_->createStatement());
  return *plain_statement_;
}

}  // namespace dangbo::db
