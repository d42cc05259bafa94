#include "server/cases/upload_service.hpp"

#include <algorithm>
#include <cctype>

#include "core/common/environment.hpp"
#include "server/app/server_context.hpp"
#include "server/http/api_error.hpp"

namespace wb::server {
namespace {

using nlohmann::json;

constexpr std::int64_t kPurgeEveryMs = 3600 * 1000;

[[noreturn]] void bad_request(const std::string& detail) {
  throw ApiError(400, ErrorCode::ProtoBadRequest, {{"detail", detail}});
}

bool is_sha256_hex(const std::string& s) {
  return s.size() == 64 &&
         std::all_of(s.begin(), s.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

// "Image/JPEG; q=1" → "image/jpeg".
std::string bare_media_type(std::string type) {
  type = type.substr(0, type.find(';'));
  type.erase(std::remove_if(type.begin(), type.end(), [](char c) { return c == ' ' || c == '\t'; }), type.end());
  std::transform(type.begin(), type.end(), type.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return type;
}

std::string text_field(const json& body, const char* key, bool required) {
  if (!body.contains(key)) {
    if (required) bad_request(std::string(key) + " is required");
    return "";
  }
  const auto& v = body[key];
  if (!v.is_string() || v.get_ref<const std::string&>().empty() || v.get_ref<const std::string&>().size() > 255)
    bad_request(std::string(key) + " must be a string of 1 to 255 bytes");
  return v.get<std::string>();
}

// The material's limits (when the upload says which material it is), then the global cap.
void check_limits(ServerContext& ctx, const UploadRecord& u) {
  const form::Material* m = nullptr;
  if (!u.item_id.empty()) {
    auto ready = ctx.forms.latest(u.item_id);
    m = ready ? ready->form->guide.find_material(u.material_id) : nullptr;
    if (!m) throw ApiError(422, ErrorCode::ProtoUnknownMaterial, {{"item", u.item_id}, {"material", u.material_id}});
  }
  check_material_limits(m, u.name, u.media_type, u.size);
}

}  // namespace

void check_material_limits(const form::Material* m, const std::string& name, const std::string& media_type,
                           std::int64_t size) {
  std::int64_t limit = UploadService::kMaxFileBytes;
  if (m) {
    if (!m->accepted_types.empty()) {
      std::string type = bare_media_type(media_type);
      bool accepted = std::any_of(m->accepted_types.begin(), m->accepted_types.end(),
                                  [&](const std::string& t) { return bare_media_type(t) == type; });
      if (!accepted) {
        std::string list;
        for (const auto& t : m->accepted_types) list += (list.empty() ? "" : ", ") + t;
        throw ApiError(422, ErrorCode::ProtoUploadTypeNotAccepted,
                       {{"name", name}, {"type", media_type}, {"accepted", list}},
                       {{"acceptedTypes", m->accepted_types}});
      }
    }
    if (m->max_size_bytes > 0) limit = std::min(limit, m->max_size_bytes);
  }
  if (size > limit)
    throw ApiError(422, ErrorCode::ProtoUploadTooLarge, {{"name", name}, {"limit", std::to_string(limit)}},
                   {{"limit", limit}});
}

json upload_json(const UploadRecord& u) {
  return {{"uploadId", u.id}, {"offset", u.offset}, {"size", u.size}, {"complete", u.complete}};
}

UploadService::Created UploadService::create(const Account& account, const json& body) {
  if (!body.is_object()) bad_request("the body must be a JSON object");
  UploadRecord u;
  u.account_id = account.id;
  u.sha256 = text_field(body, "sha256", true);
  if (!is_sha256_hex(u.sha256)) bad_request("sha256 must be 64 lowercase hexadecimal digits");
  if (!body.contains("size") || !body["size"].is_number_integer() || body["size"].get<std::int64_t>() < 0)
    bad_request("size must be an integer >= 0");
  u.size = body["size"].get<std::int64_t>();
  u.media_type = text_field(body, "mediaType", true);
  u.name = text_field(body, "name", true);
  u.item_id = text_field(body, "itemId", false);
  u.material_id = text_field(body, "materialId", false);
  if (u.item_id.empty() != u.material_id.empty()) bad_request("itemId and materialId go together");
  check_limits(ctx_, u);

  std::int64_t now = ctx_.env.clock->now_ms();
  purge_abandoned(now);
  auto& store = ctx_.storage->uploads();
  if (auto blob = store.blob(account.id, u.sha256)) {
    if (blob->size != u.size) bad_request("size differs from the file already uploaded with this sha256");
    auto done = store.upload(blob->upload_id);
    if (done) return {*done, true};
  }
  u.id = uuid_v4(*ctx_.env.random);
  u.created_at = u.updated_at = now;
  store.create_upload(u);
  if (u.size == 0) append(account, u.id, 0, {});  // nothing to send: verified (or refused) right away
  return {get(account, u.id), false};
}

UploadRecord UploadService::get(const Account& account, const std::string& upload_id) {
  auto u = ctx_.storage->uploads().upload(upload_id);
  if (!u || u->account_id != account.id)
    throw ApiError(404, ErrorCode::ProtoNotFound, {{"what", "upload " + upload_id}, {"what_zh", "该上传"}});
  return *u;
}

std::int64_t UploadService::append(const Account& account, const std::string& upload_id, std::int64_t offset,
                                   std::string_view bytes) {
  UploadRecord u = get(account, upload_id);
  if (static_cast<std::int64_t>(bytes.size()) > kMaxChunkBytes)
    throw ApiError(413, ErrorCode::ProtoBodyTooLarge, {{"limit", std::to_string(kMaxChunkBytes)}},
                   {{"offset", u.offset}});
  auto result = ctx_.storage->uploads().append(upload_id, offset, bytes, ctx_.env.clock->now_ms());
  switch (result.outcome) {
    case AppendOutcome::Appended:
    case AppendOutcome::Completed: return result.offset;
    case AppendOutcome::OffsetMismatch:
      throw ApiError(409, ErrorCode::ProtoUploadOffsetMismatch, {{"offset", std::to_string(result.offset)}},
                     {{"offset", result.offset}});
    case AppendOutcome::BeyondSize:
      throw ApiError(413, ErrorCode::ProtoUploadBeyondSize, {{"size", std::to_string(u.size)}},
                     {{"offset", result.offset}});
    case AppendOutcome::HashMismatch:
      throw ApiError(422, ErrorCode::ProtoUploadHashMismatch, {{"name", u.name}},
                     {{"offset", 0}, {"reset", true}});
    case AppendOutcome::NotFound: break;
  }
  throw ApiError(404, ErrorCode::ProtoNotFound, {{"what", "upload " + upload_id}, {"what_zh", "该上传"}});
}

void UploadService::purge_abandoned(std::int64_t now) {
  std::int64_t last = last_purge_.load();
  if (last != std::numeric_limits<std::int64_t>::min() && now - last < kPurgeEveryMs) return;
  if (!last_purge_.compare_exchange_strong(last, now)) return;
  ctx_.storage->uploads().purge_incomplete(now - kIncompleteKeptMs);
}

}  // namespace wb::server
