#include <doctest/doctest.h>

#include <algorithm>

#include "core/form/form_loader.hpp"
#include "core/store/profile_store.hpp"
#include "examples/desktop/model/form_view.hpp"
#include "native/platform/system_env.hpp"
#include "tests/desktop/desktop_test_util.hpp"
#include "tests/support/fake_env.hpp"

using namespace wb;
using namespace wb::desktop;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

struct Rig {
  explicit Rig(const std::string& item, Lang lang = Lang::ZhCN) {
    static int counter = 0;
    dir = test::fresh_dir("form-" + item + "-" + std::to_string(counter++));
    store = store::ProfileStore::open((dir / "profile.db").string(), fe.env());
    auto loaded = form::load_form_text(test::read_file((test::sample_catalog() / (item + ".json")).string()));
    REQUIRE(loaded.ok());
    model = session::FormModel::build(loaded.form);
    REQUIRE(model);
    draft_id = store->create_draft(model->form());
    view = std::make_unique<FormView>(*store, draft_id, model, native::local_today(fe.clock), lang);
  }
  const Block* block(const std::string& location) const {
    for (const auto& b : view->blocks())
      if (b.kind == BlockKind::Field && b.field.location == location) return &b;
    return nullptr;
  }
  const FieldBlock& field(const std::string& location) const {
    const Block* b = block(location);
    REQUIRE_MESSAGE(b, "no field at " << location);
    return b->field;
  }
  json stored() { return store->draft(draft_id)->data; }
  size_t count(BlockKind kind) const {
    return static_cast<size_t>(std::count_if(view->blocks().begin(), view->blocks().end(), [&](const Block& b) { return b.kind == kind; }));
  }

  test::FakeEnv fe;
  fs::path dir;
  std::unique_ptr<store::ProfileStore> store;
  session::ModelPtr model;
  std::string draft_id;
  std::unique_ptr<FormView> view;
};

// Fills the marriage-certificate-reissue form the way a person does, field by field.
void fill_marriage(Rig& r, const fs::path& photo) {
  auto& v = *r.view;
  CHECK(v.commit_text("/husband/name", "孙七") == "");
  CHECK(v.commit_text("/husband/idNumber", "330106198802141013") == "");
  CHECK(v.commit_text("/husband/mobile", "13700000004") == "");
  CHECK(v.commit_text("/wife/name", "周八") == "");
  CHECK(v.commit_text("/wife/idNumber", "330106199007301027") == "");
  CHECK(v.commit_text("/wife/mobile", "18600000005") == "");
  CHECK(v.commit_text("/original/registrationDate", "2016-09-18") == "");
  CHECK(v.commit_text("/original/registry", "示例市婚姻登记中心") == "");
  CHECK(v.choose("/reason", 0) == "");
  CHECK(v.attach("/attachments/jointPhoto", photo.string()) == "");
  CHECK(v.set_checked("/declaration", true) == "");
}

}  // namespace

TEST_CASE("the blocks follow the layout: pages, sections, fields with their widget, label and requiredness") {
  Rig r("marriage-certificate-reissue");
  const auto& blocks = r.view->blocks();
  REQUIRE(!blocks.empty());
  CHECK(blocks[0].kind == BlockKind::Page);
  CHECK(blocks[0].title == "申请人");
  CHECK(blocks[1].kind == BlockKind::Section);
  CHECK(blocks[1].title == "男方");
  CHECK(r.count(BlockKind::Page) == 2);
  const auto& name = r.field("/husband/name");
  CHECK(name.widget == form::Widget::Text);
  CHECK(name.label == "姓名");
  CHECK(name.required);
  CHECK(name.text.empty());
  CHECK(r.field("/husband/idNumber").widget == form::Widget::ResidentId);
  CHECK(r.field("/original/certificateNumber").placeholder == "例如 J330100-2015-001234");
  CHECK_FALSE(r.field("/original/certificateNumber").required);
  const auto& reason = r.field("/reason");
  CHECK(reason.widget == form::Widget::Radio);
  REQUIRE(reason.options.size() == 2);
  CHECK(reason.options[1].label == "损毁");
  const auto& photo = r.field("/attachments/jointPhoto");
  CHECK(photo.widget == form::Widget::File);
  CHECK_FALSE(photo.multiple_files);
  CHECK(photo.material_note == "格式：image/jpeg, image/png，不超过 2.0 MB");
  CHECK(r.block("/damageDescription") == nullptr);  // hidden until the reason is "damaged"
  Rig en("marriage-certificate-reissue", Lang::En);
  CHECK(en.field("/husband/name").label == "Full name");
}

TEST_CASE("errors show once a field was left, and for every field after a refused submit") {
  Rig r("marriage-certificate-reissue");
  auto& v = *r.view;
  CHECK(v.problem_count() > 0);
  CHECK(r.field("/husband/name").errors.empty());  // required, but not visited yet
  CHECK(v.commit_text("/husband/name", "孙", false) == "");
  CHECK(r.field("/husband/name").errors.empty());  // still typing
  CHECK(r.stored()["husband"]["name"] == "孙");    // ... and already saved
  CHECK(v.commit_text("/husband/name", "孙", true) == "");
  REQUIRE(r.field("/husband/name").errors.size() == 1);  // too short, now that the field was left
  CHECK(v.commit_text("/husband/name", "孙七") == "");
  CHECK(r.field("/husband/name").errors.empty());
  CHECK(r.field("/wife/name").errors.empty());
  auto outcome = v.submit();
  CHECK_FALSE(outcome.outbox_id);
  CHECK(v.shows_all_errors());
  // Every required field still empty says so, even inside the wife's details, which do not exist yet at all.
  CHECK(r.field("/wife/name").errors == std::vector<std::string>{"此项为必填项"});
  CHECK(r.field("/reason").errors == std::vector<std::string>{"此项为必填项"});
  CHECK(r.field("/original/certificateNumber").errors.empty());  // optional
  CHECK(std::count(outcome.errors.begin(), outcome.errors.end(), "姓名：此项为必填项") == 1);  // the wife's; his is filled
  CHECK(std::count(outcome.errors.begin(), outcome.errors.end(), "补领原因：此项为必填项") == 1);
  CHECK(outcome.errors.size() == 10);  // her 3, the 2 original's, reason, photo, declaration, his ID and mobile
  CHECK(r.store->draft(r.draft_id));  // still a draft
}

TEST_CASE("visibility rules add and remove fields as answers change; hidden answers are not submitted") {
  Rig r("marriage-certificate-reissue");
  auto& v = *r.view;
  CHECK(v.choose("/reason", 1) == "");  // damaged
  REQUIRE(r.block("/damageDescription"));
  CHECK(r.field("/damageDescription").required);
  CHECK(r.field("/damageDescription").widget == form::Widget::Textarea);
  CHECK(v.commit_text("/damageDescription", "被水浸泡，字迹模糊") == "");
  CHECK(v.choose("/reason", 0) == "");  // lost
  CHECK(r.block("/damageDescription") == nullptr);
  CHECK(v.draft().data()["damageDescription"] == "被水浸泡，字迹模糊");  // kept while hidden ...
  CHECK_FALSE(v.draft().submission().contains("damageDescription"));  // ... but never submitted
}

TEST_CASE("typed text becomes the value the schema wants: numbers, money, upper-case identifiers, cleared fields") {
  Rig r("affordable-housing-prequalification");
  auto& v = *r.view;
  CHECK(v.commit_text("/applicant/hukouYears", " 12 ") == "");
  CHECK(v.draft().data()["applicant"]["hukouYears"] == 12);
  CHECK(v.draft().data()["applicant"]["hukouYears"].is_number_integer());
  CHECK(v.commit_text("/applicant/hukouYears", "十二") == "");  // kept as typed; the schema says why it is wrong
  CHECK(v.draft().data()["applicant"]["hukouYears"] == "十二");
  CHECK_FALSE(r.field("/applicant/hukouYears").errors.empty());
  CHECK(v.commit_text("/totalAssets", "19.99") == "");
  CHECK(v.draft().data()["totalAssets"].is_number());
  CHECK(r.field("/totalAssets").errors.empty());  // multipleOf 0.01 holds in decimal
  CHECK(v.commit_text("/applicant/idNumber", "11010519491231002x") == "");
  CHECK(v.draft().data()["applicant"]["idNumber"] == "11010519491231002X");
  CHECK(r.field("/applicant/idNumber").errors.empty());
  CHECK(v.commit_text("/applicant/hukouYears", "") == "");
  CHECK_FALSE(v.draft().data()["applicant"].contains("hukouYears"));
  CHECK(r.stored()["applicant"]["idNumber"] == "11010519491231002X");  // every edit is saved
}

TEST_CASE("a structured address is four inputs, each bound to its part") {
  Rig r("affordable-housing-prequalification");
  const auto& address = r.field("/applicant/address");
  REQUIRE(address.address.size() == 4);
  CHECK(address.address[0].label == "省");
  CHECK(address.address[3].location == "/applicant/address/detail");
  CHECK(r.view->commit_text("/applicant/address/province", "福建省") == "");
  CHECK(r.view->commit_text("/applicant/address/detail", "鼓楼区五四路 100 号") == "");
  CHECK(r.view->draft().data()["applicant"]["address"] == json{{"province", "福建省"}, {"detail", "鼓楼区五四路 100 号"}});
  CHECK(r.field("/applicant/address").address[0].text == "福建省");
  CHECK_FALSE(r.field("/applicant/address").errors.empty());  // city and district are still missing
}

TEST_CASE("repeat groups: rows are added and removed within their limits; computed values follow the rows") {
  Rig r("affordable-housing-prequalification");
  auto& v = *r.view;
  auto add_block = [&]() -> const Block* {
    for (const auto& b : v.blocks())
      if (b.kind == BlockKind::AddRow && b.section_id == "secHousehold") return &b;
    return nullptr;
  };
  REQUIRE(add_block());
  CHECK(add_block()->title == "添加家庭成员");
  CHECK(add_block()->enabled);
  CHECK(r.count(BlockKind::Row) == 0);
  CHECK(v.add_row("secHousehold") == "");
  CHECK(v.add_row("secHousehold") == "");
  CHECK(r.count(BlockKind::Row) == 2);
  REQUIRE(r.block("/household/1/name"));
  CHECK(r.field("/household/1/name").label == "姓名");
  CHECK(r.block("/household/0/employer") == nullptr);  // visible only for the employed
  CHECK(v.set_checked("/household/0/employed", true) == "");
  CHECK(r.field("/household/0/employer").required);
  const auto& total = r.field("/totalIncome");
  CHECK(total.computed);
  CHECK(total.read_only);
  CHECK(v.commit_text("/household/0/annualIncome", "12000.5") == "");
  CHECK(v.commit_text("/household/1/annualIncome", "8000") == "");
  CHECK(r.field("/totalIncome").text == "20000.5");
  CHECK(v.remove_row("secHousehold", 0) == "");
  CHECK(r.count(BlockKind::Row) == 1);
  CHECK(r.field("/totalIncome").text == "8000");
  CHECK(v.commit_text("/totalIncome", "1") != "");  // computed: refused, with the reason
  for (int i = 1; i < 10; ++i) CHECK(v.add_row("secHousehold") == "");
  CHECK_FALSE(add_block()->enabled);  // maxRows 10
}

TEST_CASE("select and multiselect: choices set the option's value; a multiselect keeps the options' order") {
  Rig r("disability-hardship-subsidy");
  auto& v = *r.view;
  const auto& category = r.field("/applicant/category");
  CHECK(category.widget == form::Widget::Select);
  CHECK(category.options[3].label == "肢体残疾");
  CHECK(v.choose("/applicant/category", 3) == "");
  CHECK(v.draft().data()["applicant"]["category"] == "physical");
  CHECK(r.field("/applicant/category").text == "肢体残疾");
  CHECK(r.field("/applicant/category").options[3].selected);
  CHECK(v.toggle("/subsidies", 1, true) == "");
  CHECK(v.toggle("/subsidies", 0, true) == "");
  CHECK(v.draft().data()["subsidies"] == json{"living", "care"});
  CHECK(v.toggle("/subsidies", 0, false) == "");
  CHECK(v.draft().data()["subsidies"] == json{"care"});
  CHECK(v.toggle("/subsidies", 1, false) == "");
  CHECK_FALSE(v.draft().data().contains("subsidies"));
}

TEST_CASE("attachments: picked from disk, checked against the material, stored, listed and removed") {
  Rig r("affordable-housing-prequalification");
  auto& v = *r.view;
  fs::path png = r.dir / "户口簿.png";
  test::write_file(png, test::tiny_png());
  fs::path text = r.dir / "notes.txt";
  test::write_file(text, "not a picture");
  CHECK(v.attach("/attachments/hukou", (r.dir / "missing.png").string()).find("missing.png") != std::string::npos);
  std::string refused = v.attach("/attachments/hukou", text.string());
  CHECK(refused.find("not a picture") == std::string::npos);  // the message names the file, never its content
  CHECK(refused.find("notes.txt") != std::string::npos);
  CHECK(r.field("/attachments/hukou").files.empty());
  CHECK(v.attach("/attachments/hukou", png.string()) == "");
  REQUIRE(r.field("/attachments/hukou").files.size() == 1);
  CHECK(r.field("/attachments/hukou").files[0].name == "户口簿.png");
  CHECK(r.field("/attachments/hukou").files[0].size == static_cast<std::int64_t>(test::tiny_png().size()));
  auto stored = r.stored()["attachments"]["hukou"];
  CHECK(stored["mediaType"] == "image/png");
  CHECK(r.store->attachment_bytes(stored["sha256"]) == test::tiny_png());
  // A list of files where the schema says so.
  CHECK(r.field("/attachments/idCards").multiple_files);
  CHECK(v.attach("/attachments/idCards", png.string()) == "");
  CHECK(v.attach("/attachments/idCards", png.string()) == "");
  CHECK(r.field("/attachments/idCards").files.size() == 2);
  CHECK(v.remove_file("/attachments/idCards", 0) == "");
  CHECK(r.field("/attachments/idCards").files.size() == 1);
  CHECK(v.remove_file("/attachments/hukou", 0) == "");
  CHECK_FALSE(v.draft().data()["attachments"].contains("hukou"));
  CHECK(v.attach("/applicant/name", png.string()) != "");  // not an attachment field
}

TEST_CASE("a complete form is queued in the outbox with its attachment; the draft is gone") {
  Rig r("marriage-certificate-reissue");
  fs::path photo = r.dir / "合影.png";
  test::write_file(photo, test::tiny_png());
  fill_marriage(r, photo);
  CHECK(r.view->problem_count() == 0);
  CHECK(r.view->completeness() == doctest::Approx(1.0));
  auto outcome = r.view->submit();
  REQUIRE(outcome.outbox_id);
  CHECK(outcome.errors.empty());
  auto item = r.store->outbox_item(*outcome.outbox_id);
  REQUIRE(item);
  CHECK(item->state == store::OutboxState::Queued);
  CHECK(item->item_id == "marriage-certificate-reissue");
  CHECK(item->payload["husband"]["name"] == "孙七");
  CHECK(item->payload["attachments"]["jointPhoto"]["name"] == "合影.png");
  CHECK(item->manifest.size() == 1);
  CHECK_FALSE(r.store->draft(r.draft_id));
}
