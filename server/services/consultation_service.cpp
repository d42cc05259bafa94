#include "server/services/consultation_service.hpp"

#include "server/app/server_context.hpp"
#include "server/identity/token_codec.hpp"
#include "server/services/body_fields.hpp"

namespace wb::server {
namespace {

[[noreturn]] void not_found(const std::string& id) {
  throw ApiError(404, ErrorCode::ProtoNotFound, {{"what", "consultation " + id}, {"what_zh", "该咨询"}});
}

}  // namespace

void ConsultationService::require_item(const std::string& item_id) {
  if (!ctx_.forms.latest(item_id))
    throw ApiError(404, ErrorCode::ProtoNotFound, {{"what", "service item " + item_id}, {"what_zh", "事项“" + item_id + "”"}});
}

Consultation ConsultationService::ask(const Account& asker, const std::string& item_id, const std::string& question) {
  require_item(item_id);
  Consultation c;
  c.question = checked_text(question, "question", "问题", 1, kMaxQuestion);
  c.id = new_id(*ctx_.env.random, "cns_");
  c.account_id = asker.id;
  c.item_id = item_id;
  c.asked_at = ctx_.env.clock->now_ms();
  ctx_.storage->services().add_consultation(c);
  return c;
}

std::vector<Consultation> ConsultationService::mine(const Account& asker) {
  return ctx_.storage->services().consultations_of(asker.id);
}

Consultation ConsultationService::get(const Account& asker, const std::string& id) {
  auto c = ctx_.storage->services().consultation(id);
  if (!c || c->account_id != asker.id) not_found(id);
  return *c;
}

std::vector<Consultation> ConsultationService::find(const ConsultationFilter& filter) {
  return ctx_.storage->services().find_consultations(filter);
}

Consultation ConsultationService::answer(const Account& caseworker, const std::string& id, const std::string& text,
                                         bool publish) {
  auto answer = checked_text(text, "answer", "回复", 1, kMaxAnswer);
  auto c = ctx_.storage->services().answer_consultation(id, answer, caseworker.id, caseworker.display_name, publish,
                                                        ctx_.env.clock->now_ms());
  if (!c) not_found(id);
  return *c;
}

std::vector<Consultation> ConsultationService::faq(const std::string& item_id) {
  require_item(item_id);
  return ctx_.storage->services().published_consultations(item_id);
}

nlohmann::json consultation_json(const Consultation& c, ConsultationView view) {
  if (view == ConsultationView::Public)
    return {{"consultationId", c.id}, {"itemId", c.item_id}, {"question", c.question},
            {"answer", c.answer.value_or("")}, {"answeredAt", c.answered_at.value_or(0)}};
  nlohmann::json out = {{"consultationId", c.id}, {"itemId", c.item_id}, {"question", c.question},
                        {"askedAt", c.asked_at}, {"answered", c.answer.has_value()}, {"published", c.published}};
  if (c.answer) {
    out["answer"] = *c.answer;
    out["answeredAt"] = c.answered_at.value_or(0);
    out["answeredBy"] = c.answered_by_name;
  }
  if (view == ConsultationView::Caseworker) out["accountId"] = c.account_id;
  return out;
}

}  // namespace wb::server
