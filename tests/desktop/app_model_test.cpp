#include <doctest/doctest.h>

#include "examples/desktop/model/app_model.hpp"
#include "tests/desktop/desktop_test_util.hpp"
#include "tests/support/fake_env.hpp"

using namespace wb;
using namespace wb::desktop;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

AppModel::Options options(const fs::path& data) {
  AppModel::Options o;
  o.data_dir = data;
  o.catalog_dir = test::sample_catalog();
  o.background_sync = false;
  return o;
}

void fill_marriage(FormView& v, const fs::path& photo) {
  v.commit_text("/husband/name", "孙七");
  v.commit_text("/husband/idNumber", "330106198802141013");
  v.commit_text("/husband/mobile", "13700000004");
  v.commit_text("/wife/name", "周八");
  v.commit_text("/wife/idNumber", "330106199007301027");
  v.commit_text("/wife/mobile", "18600000005");
  v.commit_text("/original/registrationDate", "2016-09-18");
  v.commit_text("/original/registry", "示例市婚姻登记中心");
  v.choose("/reason", 0);
  CHECK(v.attach("/attachments/jointPhoto", photo.string()) == "");
  v.set_checked("/declaration", true);
}

}  // namespace

TEST_CASE("profiles: created with a name and kind, switched explicitly, each with its own data") {
  test::FakeEnv fe;
  auto data = test::fresh_dir("app-profiles");
  AppModel m(options(data), fe.env());
  CHECK(m.profiles().empty());
  CHECK(m.profile() == nullptr);
  CHECK(m.create_profile("  ", form::Audience::Citizen) == "请填写姓名或单位名称");
  CHECK(m.create_profile("张三", form::Audience::Citizen) == "");
  REQUIRE(m.profile());
  CHECK(m.profile()->name == "张三");
  CHECK(m.profile()->id == "p001");
  CHECK(m.catalog().filter.audience == 1);  // a person's profile lists what people can apply for
  m.select_item("low-rent-housing");
  CHECK(m.start_draft() == "");
  CHECK(m.drafts().size() == 1);

  CHECK(m.create_profile("福州某某食品有限公司", form::Audience::Enterprise) == "");
  CHECK(m.profile()->id == "p002");
  CHECK(m.catalog().filter.audience == 2);
  CHECK(m.drafts().empty());  // the other profile's draft is not here
  CHECK(m.form() == nullptr);
  REQUIRE(m.profiles().size() == 2);
  CHECK(m.select_profile("p001") == "");
  CHECK(m.drafts().size() == 1);
  CHECK(m.select_profile("p404") != "");
  CHECK(fs::exists(data / "profiles" / "p001" / "profile.db"));
  CHECK(fs::exists(data / "profiles" / "p002" / "profile.db"));

  AppModel again(options(data), fe.env());  // a new start lists both, names from their own databases
  REQUIRE(again.profiles().size() == 2);
  CHECK(again.profiles()[0].name == "张三");
  CHECK(again.profiles()[1].kind == form::Audience::Enterprise);
  CHECK(again.glyphs().add_text("张三福州") == false);  // their names are in the font atlas already
}

TEST_CASE("a damaged profile is listed with its problem and never opened") {
  test::FakeEnv fe;
  auto data = test::fresh_dir("app-damaged");
  fs::create_directories(data / "profiles" / "p001");
  test::write_file(data / "profiles" / "p001" / "profile.db", "this is not a database, and never was one");
  AppModel m(options(data), fe.env());
  REQUIRE(m.profiles().size() == 1);
  CHECK_FALSE(m.profiles()[0].problem.empty());
  CHECK(m.select_profile("p001") == m.profiles()[0].problem);
  CHECK(m.profile() == nullptr);
  CHECK(test::read_file((data / "profiles" / "p001" / "profile.db").string()) == "this is not a database, and never was one");
}

TEST_CASE("from the catalog to the outbox: guide, draft, refused submit, queued submit, drafts list") {
  test::FakeEnv fe;
  auto data = test::fresh_dir("app-flow");
  AppModel m(options(data), fe.env());
  REQUIRE(m.create_profile("张三", form::Audience::Citizen) == "");
  CHECK(m.start_draft() != "");  // no item chosen
  m.select_item("marriage-certificate-reissue");
  REQUIRE(!m.guide().empty());
  CHECK(m.guide().front().title == "受理条件");
  CHECK(m.start_draft() == "");
  CHECK(m.screen() == Screen::Form);
  REQUIRE(m.form());
  std::string draft = m.form()->draft_id();
  m.close_form();
  CHECK(m.screen() == Screen::Catalog);
  CHECK(m.open_draft(draft) == "");
  auto refused = m.submit();
  CHECK_FALSE(refused.outbox_id);
  CHECK(m.notice().error);
  CHECK(m.notice().details.size() == refused.errors.size());
  CHECK(m.screen() == Screen::Form);

  fs::path photo = data / "合影.png";
  test::write_file(photo, test::tiny_png());
  fill_marriage(*m.form(), photo);
  auto queued = m.submit();
  REQUIRE(queued.outbox_id);
  CHECK(m.form() == nullptr);
  CHECK(m.screen() == Screen::Queue);
  CHECK_FALSE(m.notice().error);
  CHECK(m.notice().text.find("编号 " + std::to_string(*queued.outbox_id)) != std::string::npos);
  CHECK(m.drafts().empty());
  REQUIRE(m.queue().size() == 1);
  CHECK(m.queue()[0].state_label == "待发送");
  CHECK(m.selected_outbox() == queued.outbox_id);
  CHECK(m.history().empty());

  m.select_item("low-rent-housing");
  CHECK(m.start_draft() == "");
  m.delete_draft(m.form()->draft_id());
  CHECK(m.form() == nullptr);
  CHECK(m.drafts().empty());
}

TEST_CASE("tick picks up what another connection changed: receipts, status history, newer forms") {
  test::FakeEnv fe;
  auto data = test::fresh_dir("app-tick");
  AppModel m(options(data), fe.env());
  REQUIRE(m.create_profile("张三", form::Audience::Citizen) == "");
  m.select_item("marriage-certificate-reissue");
  REQUIRE(m.start_draft() == "");
  fs::path photo = data / "合影.png";
  test::write_file(photo, test::tiny_png());
  fill_marriage(*m.form(), photo);
  auto queued = m.submit();
  REQUIRE(queued.outbox_id);

  // What the sync thread does, through its own connection to the same file.
  auto other = store::ProfileStore::open((data / "profiles" / "p001" / "profile.db").string(), fe.env());
  other->mark_accepted(*queued.outbox_id, {{"caseId", "c-1"}, {"acceptanceNumber", "WB20251124000007"}, {"receivedAt", 1}});
  other->add_status(*queued.outbox_id, "accepted", "civilAffairs", {{"note", "材料齐全，予以受理"}}, fe.clock.now_ms());
  json newer = json::parse(test::read_file((test::sample_catalog() / "marriage-certificate-reissue.json").string()));
  newer["version"] = 2;
  other->cache_form(newer);

  fe.clock.advance(1000);
  m.tick();
  REQUIRE(m.queue().size() == 1);
  CHECK(m.queue()[0].acceptance_number == "WB20251124000007");
  CHECK(m.queue()[0].state_label == "已受理");
  REQUIRE(m.history().size() == 1);
  CHECK(m.history()[0].department == "市民政局");
  CHECK(m.history()[0].note == "材料齐全，予以受理");
  CHECK_FALSE(m.glyphs().add_text("材料齐全，予以受理"));  // the note's characters went to the font atlas
  CHECK(m.catalog().find("marriage-certificate-reissue")->version == 2);
}

TEST_CASE("switching the language rebuilds what is shown, the open form included") {
  test::FakeEnv fe;
  auto data = test::fresh_dir("app-lang");
  AppModel m(options(data), fe.env());
  REQUIRE(m.create_profile("张三", form::Audience::Citizen) == "");
  m.select_item("marriage-certificate-reissue");
  REQUIRE(m.start_draft() == "");
  m.form()->commit_text("/husband/name", "孙七");
  m.set_lang(Lang::En);
  CHECK(m.guide().front().title == "Conditions");
  REQUIRE(m.form());
  CHECK(m.form()->lang() == Lang::En);
  CHECK(m.form()->draft().data()["husband"]["name"] == "孙七");
  CHECK(m.form()->blocks()[0].title == "Applicants");
}

TEST_CASE("when the sync moves the open draft to a newer form version, the form reopens on it and says so") {
  test::FakeEnv fe;
  auto data = test::fresh_dir("app-migrated");
  AppModel m(options(data), fe.env());
  REQUIRE(m.create_profile("张三", form::Audience::Citizen) == "");
  m.select_item("marriage-certificate-reissue");
  REQUIRE(m.start_draft() == "");
  m.form()->commit_text("/husband/name", "孙七");
  std::string id = m.form()->draft_id();
  // The sync thread, through its own connection: a version 2 arrives and the draft moves to it.
  auto other = store::ProfileStore::open((data / "profiles" / "p001" / "profile.db").string(), fe.env());
  json v2 = json::parse(test::read_file((test::sample_catalog() / "marriage-certificate-reissue.json").string()));
  v2["version"] = 2;
  other->cache_form(v2);
  other->move_draft_to_version(id, 2, {{"husband", {{"name", "孙七"}}}}, {{"from", 1}, {"to", 2}});
  fe.clock.advance(1000);
  m.tick();
  REQUIRE(m.form());
  CHECK(m.form()->draft_id() == id);
  CHECK(m.form()->form().version == 2);
  CHECK(m.notice().text.find("第 2 版") != std::string::npos);
  m.form()->commit_text("/wife/name", "周八");  // edits now go to the version-2 draft
  CHECK(other->draft(id)->form_version == 2);
  CHECK(other->draft(id)->data["wife"]["name"] == "周八");
}
