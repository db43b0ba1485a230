// What the read model keeps of a feed payload in feed_resources.payload, and how it is read
// back.
//
// Since V002 a payload is stored compact: one byte naming the message type, then the message
// itself, cut to the fields statistics read. The google.protobuf.Any the rows held before
// repeated the type's URL in every row (as long as the message it wrapped) and made the model
// parse each payload twice. A payload stored before V002, or one that did not parse as its type
// when it came, is an Any; both forms are read, so an upgraded schema needs no rebuild.
#ifndef DANGBO_SERVICES_REPORTING_FEED_STORED_PAYLOAD_H_
#define DANGBO_SERVICES_REPORTING_FEED_STORED_PAYLOAD_H_

#include <string>
#include <string_view>

#include "dangbo/membership/v1/membership_service.pb.h"
#include "google/protobuf/any.pb.h"

namespace dangbo::reporting {

// What the read model keeps of a feed payload: the fields statistics read and nothing else, so
// that the reporting schema holds no names, citizen ids, addresses or inspection texts, and a
// rebuild writes a fraction of the bytes.
std::string StoredPayload(const google::protobuf::Any& payload);

// An organization's whole history, as its resource is stored.
std::string StoredOrganizationHistory(
    const dangbo::membership::v1::ListOrganizationChangesResponse& history);

// A stored payload's message: its type's full name (e.g. "dangbo.membership.v1.Member") and
// its serialized bytes. Views into the stored payload, or into `legacy` for an Any; not
// copyable for that reason.
struct StoredMessage {
  StoredMessage() = default;
  StoredMessage(const StoredMessage&) = delete;
  StoredMessage& operator=(const StoredMessage&) = delete;

  std::string_view type;
  std::string_view bytes;
  google::protobuf::Any legacy;
};

// False when `stored` is neither form.
bool ReadStoredPayload(std::string_view stored, StoredMessage& out);

}  // namespace dangbo::reporting

#endif  // DANGBO_SERVICES_REPORTING_FEED_STORED_PAYLOAD_H_
