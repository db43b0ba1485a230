#include "common/db/row_chunks.h"

namespace dangbo::db {

absl::Status ForEachRowChunk(size_t count, size_t max_rows,
                             absl::FunctionRef<absl::Status(size_t begin, size_t size)> run) {
  size_t begin = 0;
  for (size_t size = max_rows; size > 0 && begin < count; size /= 2) {
    while (count - begin >= size) {
      if (absl::Status status = run(begin, size); !status.ok()) return status;
      begin += size;
    }
  }
  return absl::OkStatus();
}

std::string RepeatedRows(std::string_view row, size_t count) {
  std::string out;
  out.reserve(count * (row.size() + 2));
  for (size_t i = 0; i < count; ++i) {
    if (i > 0) out += ", ";
    out += row;
  }
  return out;
}

}  // namespace dangbo::db
