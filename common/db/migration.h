#ifndef DANGBO_COMMON_DB_MIGRATION_H_
#define DANGBO_COMMON_DB_MIGRATION_H_

#include <string_view>

namespace dangbo::db {

// One versioned SQL file, `V<version>__<description>.sql`, usually embedded into the binary by
// the CMake function dangbo_embed_migrations (cmake/EmbedMigrations.cmake). The views point at
// storage that lives as long as the program.
struct Migration {
  int version = 0;
  std::string_view description;  // from the file name, underscores as spaces
  std::string_view sql;          // the file's bytes: one or more statements separated by `;`
};

}  // namespace dangbo::db

#endif  // DANGBO_COMMON_DB_MIGRATION_H_
