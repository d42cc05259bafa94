#pragma once
// Online consultation (在线咨询) per service item: an applicant asks about an item, a caseworker answers and may
// publish the answer in the item's public FAQ, where it appears without anything about who asked.

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "server/storage/identity_store.hpp"
#include "server/storage/service_store.hpp"

namespace wb::server {

struct ServerContext;

class ConsultationService {
 public:
  static constexpr size_t kMaxQuestion = 2000;
  static constexpr size_t kMaxAnswer = 4000;

  explicit ConsultationService(ServerContext& ctx) : ctx_(ctx) {}

  // 404 for an unknown item; 400 protocol.text_length for an empty or too long question.
  Consultation ask(const Account& asker, const std::string& item_id, const std::string& question);
  std::vector<Consultation> mine(const Account& asker);
  // The asker's own consultation; 404 for any other (existence is not revealed).
  Consultation get(const Account& asker, const std::string& id);
  std::vector<Consultation> find(const ConsultationFilter& filter);
  // Sets or replaces the answer; 404 when there is no such consultation.
  Consultation answer(const Account& caseworker, const std::string& id, const std::string& text, bool publish);
  // The published answers of an item (404 for an unknown item).
  std::vector<Consultation> faq(const std::string& item_id);

 private:
  void require_item(const std::string& item_id);
  ServerContext& ctx_;
};

// The views of protocol v1. The asker's and the caseworker's views differ only in that the caseworker sees the
// asker's internal account id; the public FAQ view carries no asker identity at all.
enum class ConsultationView { Asker, Caseworker, Public };
nlohmann::json consultation_json(const Consultation& c, ConsultationView view);

}  // namespace wb::server
