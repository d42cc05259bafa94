package cn.wangban.sdk.test;

import cn.wangban.sdk.CredentialStore;
import cn.wangban.sdk.Draft;
import cn.wangban.sdk.Env;
import cn.wangban.sdk.EventListener;
import cn.wangban.sdk.HttpRequest;
import cn.wangban.sdk.HttpResponse;
import cn.wangban.sdk.HttpTransport;
import cn.wangban.sdk.Profile;
import cn.wangban.sdk.SyncStatus;
import cn.wangban.sdk.Wangban;
import cn.wangban.sdk.WangbanException;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The path an Android app takes, end to end through JNI: fill an application offline and queue it; sign in to the
 * running wangban-server; let background sync send it (events arrive on the sync thread); print the receipt. Then
 * the same through the app's own HTTP stack (java.net.http here, OkHttp on Android), errors as exceptions, and
 * every Java callback released once the objects are closed.
 *
 *   java -Djava.library.path=LIBDIR -cp wangban.jar:wangban_java_tests.jar cn.wangban.sdk.test.EndToEndTest \
 *       SERVER_URL FORM.json WORK_DIR
 * Exit 0 when every check passed.
 */
public final class EndToEndTest {
  private static int checks = 0;
  private static final List<String> failures = new ArrayList<>();

  private static void check(boolean ok, String what) {
    ++checks;
    if (!ok) {
      failures.add(what);
      System.out.println("FAIL: " + what);
    }
  }

  private static String field(String json, String key) {
    Matcher m = Pattern.compile("\"" + Pattern.quote(key) + "\":\"([^\"]*)\"").matcher(json);
    return m.find() ? m.group(1) : null;
  }

  private static final String[][] ANSWERS = {
      {"/husband/name", "\"孙七\""}, {"/husband/idNumber", "\"330106198802141013\""},
      {"/husband/mobile", "\"13700000004\""}, {"/wife/name", "\"周八\""},
      {"/wife/idNumber", "\"330106199007301027\""}, {"/wife/mobile", "\"18600000005\""},
      {"/original/registrationDate", "\"2016-09-18\""}, {"/original/registry", "\"示例市婚姻登记中心\""},
      {"/reason", "\"lost\""}, {"/declaration", "true"}};

  /** photoSeed: distinct photos are distinct uploads (the server keeps one copy per account and content). */
  private static long fillAndQueue(Profile profile, int photoSeed) {
    try (Draft draft = profile.createDraft("marriage-certificate-reissue")) {
      for (String[] a : ANSWERS) draft.set(a[0], a[1]);
      byte[] photo = new byte[40000];
      photo[0] = (byte) 0xff;
      photo[1] = (byte) 0xd8;
      photo[2] = (byte) photoSeed;
      String ref = draft.attach("/attachments/jointPhoto", photo, "合影😀.jpg", "image/jpeg");
      check(ref.contains("\"name\":\"合影😀.jpg\""), "a name outside the BMP survives the trip through JNI: " + ref);
      check(draft.validate().equals("[]"), "the application is complete");
      return draft.submit();
    }
  }

  /** The app's HTTP stack: java.net.http (OkHttp would play this part on Android). */
  static final class JdkTransport implements HttpTransport {
    final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final Map<String, AtomicInteger> methods = new ConcurrentHashMap<>();

    @Override
    public HttpResponse send(HttpRequest r) {
      methods.computeIfAbsent(r.method, k -> new AtomicInteger()).incrementAndGet();
      try {
        java.net.http.HttpRequest.Builder b = java.net.http.HttpRequest.newBuilder(URI.create(r.url))
            .timeout(Duration.ofMillis(r.readTimeoutMs))
            .method(r.method, r.body.length == 0 ? java.net.http.HttpRequest.BodyPublishers.noBody()
                                                 : java.net.http.HttpRequest.BodyPublishers.ofByteArray(r.body));
        for (int i = 0; i < r.headerNames.length; ++i) b.header(r.headerNames[i], r.headerValues[i]);
        if (!r.contentType.isEmpty()) b.header("Content-Type", r.contentType);
        java.net.http.HttpResponse<byte[]> res = client.send(b.build(), BodyHandlers.ofByteArray());
        List<String> names = new ArrayList<>();
        List<String> values = new ArrayList<>();
        res.headers().map().forEach((k, vs) -> vs.forEach(v -> {
          names.add(k);
          values.add(v);
        }));
        return HttpResponse.of(res.statusCode(), names.toArray(new String[0]), values.toArray(new String[0]), res.body());
      } catch (Exception e) {
        return HttpResponse.failure(e.getClass().getSimpleName());
      }
    }
  }

  /** The app's place for tokens (a Keystore-backed store on Android). */
  static final class MemoryCredentials implements CredentialStore {
    volatile String saved;
    final AtomicInteger saves = new AtomicInteger();

    @Override public String load() { return saved; }
    @Override public void save(String tokensJson) { saved = tokensJson; saves.incrementAndGet(); }
    @Override public void clear() { saved = null; }
  }

  public static void main(String[] args) throws Exception {
    String server = args[0];
    String form = Files.readString(Path.of(args[1]), StandardCharsets.UTF_8);
    Path work = Path.of(args[2]);
    System.out.println("libwangban " + Wangban.version() + " through JNI");
    String[] v = Wangban.version().split("\\.");
    check(Wangban.versionNumber() == Integer.parseInt(v[0]) * 10000 + Integer.parseInt(v[1]) * 100 + Integer.parseInt(v[2]),
          "versionNumber matches version(): " + Wangban.versionNumber());
    check(Wangban.errorCodeFromId("auth.invalid_credentials") == 6000, "the code of a stable id");
    check(Wangban.errorCodeId(6000).equals("auth.invalid_credentials"), "the id of a code");
    check(Wangban.errorCodeTemplate(6000, "en").equals("The account or password is not correct"), "its English text");
    check(Wangban.errorCodeTemplate(6000, "zh-CN").equals("账号或密码不正确"), "its Chinese text: " + Wangban.errorCodeTemplate(6000, "zh-CN"));
    check(Wangban.errorCodeFromId("no.such_code") == -1 && Wangban.errorCodeId(-7).isEmpty(), "unknown ids and codes");

    // 1. The built-in transport; background sync; events on the sync thread.
    try (Env env = new Env("en", null)) {
      Profile profile = Profile.open(env, work.resolve("phone").toString(), "http://127.0.0.1:1");
      profile.importForm(form);
      long id = fillAndQueue(profile, 1);
      check(id > 0, "queued offline");
      SyncStatus offline = profile.syncOnce();
      check(offline.queued == 1 && offline.offline, "offline: it waits (" + offline + ")");

      profile.setServer(server);
      try {
        profile.signIn("11010519491231002X", "not-the-password");
        check(false, "a wrong password is refused");
      } catch (WangbanException e) {
        check(e.id().equals("auth.invalid_credentials") && e.code() == 6000 && e.httpStatus() == 401,
              "refusal as an exception with the stable code: " + e.id() + " " + e.code());
        check(e.getMessage().equals("The account or password is not correct"), "message in English: " + e.getMessage());
      }
      profile.signIn("11010519491231002X", "wangban-demo");
      check(profile.account().contains("\"signedIn\":true"), "signed in");

      AtomicInteger changed = new AtomicInteger();
      Map<String, Boolean> threads = new ConcurrentHashMap<>();
      String mainThread = Thread.currentThread().getName();
      EventListener listener = (seq, at, kind, subject) -> {
        if (kind.equals("outbox.changed")) changed.incrementAndGet();
        threads.put(Thread.currentThread().getName(), true);
      };
      int subscription = profile.subscribe(listener);
      check(Wangban.heldCallbacks() == 1, "the listener is held by the native side");
      profile.startSync(200);
      long deadline = System.currentTimeMillis() + 20000;
      while (profile.status().accepted < 1 && System.currentTimeMillis() < deadline) Thread.sleep(20);
      profile.stopSync();
      SyncStatus done = profile.status();
      check(done.accepted == 1 && done.queued == 0, "sent by the background thread (" + done + ")");
      check(changed.get() >= 1, "events delivered");
      boolean fromOtherThread = threads.keySet().stream().anyMatch(t -> !t.equals(mainThread));
      check(fromOtherThread, "events came from the sync thread (attached to the JVM): " + threads.keySet());
      String item = profile.outboxItem(id);
      String number = field(item, "acceptanceNumber");
      String caseId = field(item, "caseId");
      check(number != null && caseId != null, "a receipt: " + item);
      System.out.println("receipt: acceptance number " + number + ", case " + caseId);

      try (Draft draft = profile.createDraft("marriage-certificate-reissue")) {
        draft.set("/husband/name", "孙七");
        check(false, "a value that is not JSON is refused");
      } catch (WangbanException e) {
        check(e.id().equals("json.syntax"), "json.syntax: " + e.id());
      }
      String asked = profile.askConsultation("marriage-certificate-reissue", "补领结婚证需要带户口簿吗？");
      String consultationId = field(asked, "consultationId");
      check(consultationId != null, "a consultation asked: " + asked);
      String readBack = profile.consultation(consultationId);
      check(readBack.contains("补领结婚证需要带户口簿吗？"), "the consultation read back: " + readBack);
      check(profile.consultations().contains(consultationId), "and in the list");
      check(profile.consultationFaq("marriage-certificate-reissue").contains("\"consultations\":["), "the public FAQ");

      // Appointments: the demo server opens slots for this item; hold, book, list, read, cancel.
      String slots = profile.appointmentSlots("marriage-certificate-reissue");
      String slot = field(slots, "slotId");
      check(slot != null, "open slots: " + slots.substring(0, Math.min(200, slots.length())));
      check(profile.appointmentSlots("marriage-certificate-reissue", System.currentTimeMillis(),
                                     System.currentTimeMillis() + 30L * 86400000).contains(slot),
            "slots in a window (from/to) include it");
      String hold = field(profile.holdAppointment(slot), "holdId");
      String booked = profile.bookAppointment(hold);
      String appointmentId = field(booked, "appointmentId");
      check("booked".equals(field(booked, "state")), "booked: " + booked);
      check(profile.appointments().contains(appointmentId), "the booking is listed");
      profile.cancelAppointment(appointmentId);
      check("cancelled".equals(field(profile.appointment(appointmentId), "state")), "read back as cancelled");

      // Ratings: only once the case is completed; there is none to read yet.
      try {
        profile.rate(caseId, 5, "很快");
        check(false, "an open case cannot be rated");
      } catch (WangbanException e) {
        check(e.id().equals("protocol.case_not_completed") && e.httpStatus() == 409, "not completed: " + e.id() + " " + e.httpStatus());
      }
      try {
        profile.rating(caseId);
        check(false, "no rating to read yet");
      } catch (WangbanException e) {
        check(e.httpStatus() == 404, "no rating yet: " + e.id() + " " + e.httpStatus());
      }

      // The event log to catch up after a restart; an accepted item cannot go back to the queue.
      String events = profile.eventsSince(0, 0);
      check(events.contains("\"kind\":\"outbox.queued\""), "the event log has the queueing");
      try {
        profile.requeue(id);
        check(false, "an accepted item is not requeued");
      } catch (WangbanException e) {
        check(profile.outboxItem(id).contains("\"state\":\"accepted\""), "and stays accepted (" + e.id() + ")");
      }

      // Repeat groups (row moves), the cached definition, deleting a draft.
      profile.importForm(Files.readString(Path.of(args[1]).resolveSibling("low-rent-housing.json"), StandardCharsets.UTF_8));
      check(profile.form("low-rent-housing", 0).contains("\"id\":\"low-rent-housing\""), "the cached definition");
      String draftId;
      try (Draft draft = profile.createDraft("low-rent-housing")) {
        draftId = draft.id();
        long first = draft.addRow("/household", "{\"name\":\"甲\"}");
        long second = draft.addRow("/household", "{\"name\":\"乙\"}");
        check(second == first + 1, "rows appended at " + first + ", " + second);
        draft.moveRow("/household", second, first);
        check(draft.get("/household/" + first + "/name").equals("\"乙\""), "moved up: " + draft.get("/household"));
        check(draft.get("/household/" + second + "/name").equals("\"甲\""), "and the other down");
        try {
          draft.moveRow("/household", 0, 99);
          check(false, "a move past the end is refused");
        } catch (WangbanException e) {
          check(e.id().equals("fill.bad_location"), "refused with " + e.id() + " at " + e.pointer());
        }
      }
      check(profile.drafts().contains(draftId), "the draft is listed");
      profile.deleteDraft(draftId);
      check(!profile.drafts().contains(draftId), "and gone once deleted");

      profile.unsubscribe(subscription);
      check(Wangban.heldCallbacks() == 0, "unsubscribing released the listener");
      profile.subscribe(listener);
      profile.close();
      check(Wangban.heldCallbacks() == 0, "closing the profile released its listeners");
    }

    // 2. The app's own HTTP stack carries everything, uploads (PATCH) included; the tokens go to the app's store.
    JdkTransport transport = new JdkTransport();
    MemoryCredentials credentials = new MemoryCredentials();
    Env env = new Env("zh-CN", transport);
    check(Wangban.heldCallbacks() == 1, "the transport is held by the native side");
    Path ownHttp = work.resolve("phone-own-http");
    try (Profile profile = Profile.open(env, ownHttp.toString(), server, credentials)) {
      check(Wangban.heldCallbacks() == 2, "and the credential store");
      profile.importForm(form);
      long id = fillAndQueue(profile, 2);
      profile.signIn("11010519491231002X", "wangban-demo");
      check(credentials.saves.get() == 1 && credentials.saved.contains("\"accessToken\":"), "tokens saved in the app's store");
      check(!Files.exists(ownHttp.resolve("credentials.json")), "and not in a file");
      SyncStatus s = profile.syncOnce();
      check(s.accepted == 1, "sent through the app's transport (" + s + ")");
      check(transport.methods.getOrDefault("PATCH", new AtomicInteger()).get() >= 1, "the upload went through it: " + transport.methods);
      check(transport.methods.getOrDefault("POST", new AtomicInteger()).get() >= 3, "sign-in, upload, submission: " + transport.methods);
      String item = profile.outboxItem(id);
      System.out.println("receipt: acceptance number " + field(item, "acceptanceNumber") + ", case " + field(item, "caseId"));
      try {
        profile.caseView("case-that-is-not-there");
        check(false, "an unknown case is refused");
      } catch (WangbanException e) {
        check(e.id().equals("protocol.not_found") && e.httpStatus() == 404, "not found: " + e.id());
      }
    }
    env.close();
    check(Wangban.heldCallbacks() == 0, "closing the env released the transport");

    System.out.println("java end-to-end: " + checks + " checks, " + failures.size() + " failed");
    System.exit(failures.isEmpty() ? 0 : 1);
  }
}
