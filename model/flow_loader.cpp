#include "model/flow_loader.hpp"

namespace migcheck {
namespace {

constexpr size_t kMaxSteps = 48;  // a program counter is stored in 6 bits

const json& at(const json& obj, const char* key) {
  if (!obj.is_object()) return JsonReader::missing();
  auto it = obj.find(key);
  return it == obj.end() ? JsonReader::missing() : *it;
}

template <class T>
bool pick(JsonReader& r, const std::string& ptr, const std::string& found,
          std::initializer_list<std::pair<const char*, T>> names, T& out, const std::string& also_valid = "") {
  std::string valid;
  for (auto [name, value] : names) {
    if (found == name) {
      out = value;
      return true;
    }
    valid += (valid.empty() ? "" : ", ") + std::string(name);
  }
  r.problem(ptr, "expected one of " + valid + also_valid + "; found \"" + found + "\"");
  return false;
}

class FlowReader {
 public:
  FlowReader(JsonReader& r, Proposal& p, const ProposalRefs& refs) : r_(r), p_(p), refs_(refs) {}

  void read(const json& f) {
    const std::string ptr = "/flow";
    if (!r_.object(f, ptr, {"models", "dirty_tracking", "running_state", "error_state", "source_host", "destination_host", "source"},
                   {"skip_same_state", "data_fd", "blocked"}))
      return;
    Flow& fl = p_.flow;
    fl.present = true;
    fl.models = r_.string(f, ptr, "models").value_or("");
    if (auto t = r_.string(f, ptr, "dirty_tracking")) {
      bool separate = false;
      if (pick(r_, ptr + "/dirty_tracking", *t, {{"device-state", false}, {"separate", true}}, separate))
        fl.separate_tracking = separate;
    }
    fl.running_state = refs_.state(f, ptr, "running_state");
    fl.skip_same_state = r_.boolean(f, ptr, "skip_same_state").value_or(false);
    fl.data_fd = r_.boolean(f, ptr, "data_fd").value_or(false);
    if (auto e = r_.string(f, ptr, "error_state"))
      pick(r_, ptr + "/error_state", *e, {{"recover", false}, {"crash", true}}, fl.crash_on_error_state);
    fl.source = r_.string(f, ptr, "source").value_or("");
    host(at(f, "source_host"), ptr + "/source_host", Host::source, fl.source_host);
    host(at(f, "destination_host"), ptr + "/destination_host", Host::destination, fl.destination_host);
    blockers(f, ptr);
  }

 private:
  JsonReader& r_;
  Proposal& p_;
  const ProposalRefs& refs_;

  void host(const json& h, const std::string& ptr, Host which, HostFlow& out) {
    if (!r_.object(h, ptr, {"migrate", "abort"}, {"cancel", "resume"})) return;
    out.migrate = program(at(h, "migrate"), ptr + "/migrate", which);
    out.abort = program(at(h, "abort"), ptr + "/abort", which);
    out.cancel = h.contains("cancel") ? program(at(h, "cancel"), ptr + "/cancel", which) : out.abort;
    if (h.contains("resume")) out.resume = program(at(h, "resume"), ptr + "/resume", which);
    for (const char* k : {"cancel", "resume"})
      if (which == Host::destination && h.contains(k))
        r_.problem(ptr + "/" + k, "only the source VMM has a " + std::string(k) + " program");
    if (which == Host::source) {
      int completes = 0;
      for (const auto& st : out.migrate) completes += st.op == StepOp::complete;
      if (completes != 1 && !out.migrate.empty())
        r_.problem(ptr + "/migrate", "expected exactly one \"complete\" step (the source has sent everything), found " +
                                         std::to_string(completes));
    }
  }

  std::vector<FlowStep> program(const json& a, const std::string& ptr, Host which) {
    std::vector<FlowStep> out;
    if (!r_.array(a, ptr, true)) return out;
    int groups = 0;
    for (size_t i = 0; i < a.size(); ++i) {
      const std::string sp = JsonReader::child(ptr, i);
      if (at(a[i], "op") == "each-device") {
        if (!r_.object(a[i], sp, {"op", "steps", "source"})) continue;
        const json& inner = at(a[i], "steps");
        if (!r_.array(inner, sp + "/steps", true)) continue;
        for (size_t k = 0; k < inner.size(); ++k) {
          if (at(inner[k], "op") == "each-device") {
            r_.problem(JsonReader::child(sp + "/steps", k) + "/op",
                       "a handler group cannot hold another one (QEMU runs one device's handler at a time)");
            continue;
          }
          FlowStep st = step(inner[k], JsonReader::child(sp + "/steps", k), which, false);
          if (st.op != StepOp::request && st.op != StepOp::save && st.op != StepOp::load && st.op != StepOp::close_fds)
            r_.problem(JsonReader::child(sp + "/steps", k), "a handler group holds only per-device steps (request, save, load, close-fds)");
          st.group = groups;
          out.push_back(st);
        }
        ++groups;
      } else {
        out.push_back(step(a[i], sp, which, true));
      }
    }
    if (out.size() > kMaxSteps)
      r_.problem(ptr, "expected at most " + std::to_string(kMaxSteps) + " steps, found " + std::to_string(out.size()));
    return out;
  }

  // top: a step of the program itself, where a handler group ("each-device") may stand too.
  FlowStep step(const json& s, const std::string& sp, Host which, bool top) {
    FlowStep st;
    st.host = which;
    if (!r_.object(s, sp, {"op", "source"},
                   {"target", "map", "unmapped", "mask", "value", "recover", "on_error", "on", "run", "repeat", "if_vm",
                    "if_cached", "message", "requires", "unless"}))
      return st;
    const std::string op = r_.string(s, sp, "op").value_or("");
    if (op.empty()) return st;
    // An unknown op is reported once; checking the step's keys against an op it does not have would only add noise.
    if (!pick(r_, sp + "/op", op,
              {{"request", StepOp::request}, {"tracking", StepOp::tracking}, {"copy-dirty", StepOp::copy_dirty},
               {"save", StepOp::save}, {"load", StepOp::load}, {"vm", StepOp::vm}, {"release", StepOp::release},
               {"send", StepOp::send}, {"wait", StepOp::wait}, {"complete", StepOp::complete},
               {"close-fds", StepOp::close_fds}},
              st.op, top ? ", each-device" : ""))
      return st;
    const bool src = which == Host::source;
    auto only = [&](bool allowed, const char* what) {
      if (!allowed) r_.problem(sp + "/op", std::string("\"") + op + "\" is a step of the " + what + " VMM only");
    };
    if (st.op == StepOp::copy_dirty || st.op == StepOp::save || st.op == StepOp::tracking || st.op == StepOp::complete)
      only(src, "source");
    if (st.op == StepOp::load || st.op == StepOp::release) only(!src, "destination");
    st.label = op;
    if (st.op == StepOp::request) request(s, sp, st);
    else
      for (const char* k : {"target", "map", "unmapped", "mask", "value", "recover"})
        if (s.contains(k)) r_.problem(JsonReader::child(sp, k), "only a request step has \"" + std::string(k) + "\"");
    if (st.op == StepOp::tracking) {
      st.on = r_.boolean(s, sp, "on").value_or(false);
      if (!s.contains("on")) r_.problem(sp, "missing required key \"on\" for op \"tracking\"");
      st.label = st.on ? "start dirty tracking" : "stop dirty tracking";
    }
    if (st.op == StepOp::vm) {
      st.on = r_.boolean(s, sp, "run").value_or(false);
      if (!s.contains("run")) r_.problem(sp, "missing required key \"run\" for op \"vm\"");
      st.label = st.on ? "start the VM" : "stop the VM";
    }
    if (st.op == StepOp::send || st.op == StepOp::wait) message(s, sp, st, src);
    else if (s.contains("message")) r_.problem(sp + "/message", "only a send or wait step has \"message\"");
    if (st.op == StepOp::complete) st.label = "send the end of the stream: migration COMPLETED";
    if (st.op == StepOp::close_fds) st.label = "close the data fd";
    st.repeat = r_.boolean(s, sp, "repeat").value_or(false);
    if (st.repeat && st.op != StepOp::copy_dirty) r_.problem(sp + "/repeat", "only a copy-dirty step can repeat");
    if (auto e = r_.string(s, sp, "on_error"))
      pick(r_, sp + "/on_error", *e, {{"abort", OnError::abort}, {"report", OnError::report}, {"crash", OnError::crash}},
           st.on_error);
    if (auto vm = r_.string(s, sp, "if_vm")) {
      if (pick(r_, sp + "/if_vm", *vm, {{"stopped", 0}, {"running", 1}}, st.if_vm)) st.label += " (if the VM is " + *vm + ")";
    }
    if (s.contains("if_cached")) cached_condition(at(s, "if_cached"), sp + "/if_cached", st);
    st.when = refs_.condition(s, sp);
    st.source = r_.string(s, sp, "source").value_or("");
    return st;
  }

  void request(const json& s, const std::string& sp, FlowStep& st) {
    const int forms = (s.contains("target") || s.contains("map")) + s.contains("mask");
    if (forms != 1)
      r_.problem(sp, "a request step has \"target\" or \"map\" (with an optional default \"target\"), or \"mask\" with \"value\"");
    if (s.contains("target")) {
      st.target = refs_.state(s, sp, "target");
      if (st.target >= 0) st.label = "request " + p_.states[static_cast<size_t>(st.target)].name;
    }
    if (s.contains("map")) map(at(s, "map"), sp + "/map", st);
    if (s.contains("map") && st.target >= 0) st.label += ", otherwise " + p_.states[static_cast<size_t>(st.target)].name;
    if (auto u = r_.string(s, sp, "unmapped")) {
      if (!s.contains("map") || s.contains("target"))
        r_.problem(sp + "/unmapped", "only a step with \"map\" and no default \"target\" has \"unmapped\"");
      pick(r_, sp + "/unmapped", *u, {{"skip", false}, {"error", true}}, st.unmapped_fails);
    }
    if (s.contains("mask") != s.contains("value")) r_.problem(sp, "a read-modify-write request has both \"mask\" and \"value\"");
    if (s.contains("mask") && s.contains("value")) {
      if (p_.interface != InterfaceKind::bitfield_write)
        r_.problem(sp + "/mask", "only a bitfield-write interface is written read-modify-write");
      st.rmw = true;
      st.mask = bits(s, sp, "mask");
      st.value = bits(s, sp, "value");
      // bits() has reported a value that is not a string; the label reads what it can without reporting again
      auto text = [&](const char* k) { return at(s, k).is_string() ? at(s, k).get<std::string>() : std::string("?"); };
      st.label = "write (state & " + text("mask") + ") | " + text("value");
    }
    if (auto rec = r_.string(s, sp, "recover")) {
      if (*rec == "reset") st.recover = Recover::reset;
      else if (*rec == "original") st.recover = Recover::original;
      else {
        st.recover = Recover::state;
        st.recover_state = refs_.state(s, sp, "recover");
      }
    }
  }

  void map(const json& m, const std::string& ptr, FlowStep& st) {
    if (!m.is_object() || m.empty()) {
      r_.problem(ptr, "expected an object from cached state names to a target state name or null, found " + json_type(m));
      return;
    }
    st.label = "request";
    for (const auto& item : m.items()) {
      const int from = p_.state_index(item.key());
      const int to = item.value().is_string() ? p_.state_index(item.value().get<std::string>()) : -1;
      if (from < 0 || (to < 0 && !item.value().is_null())) {
        r_.problem(JsonReader::child(ptr, item.key()),
                   from < 0 ? "unknown state \"" + item.key() + "\" (a key of \"map\" is the VMM's cached state)"
                            : "expected a state name or null (no request), found " + item.value().dump());
        continue;
      }
      st.map.emplace_back(from, to);
      st.label += " " + p_.states[static_cast<size_t>(from)].name + "->" +
                  (to < 0 ? std::string("(none)") : p_.states[static_cast<size_t>(to)].name);
    }
  }

  // "~RUNNING", "SAVING|RESUMING", "0": state values ORed, optionally complemented.
  uint32_t bits(const json& s, const std::string& sp, const char* key) {
    const std::string ptr = JsonReader::child(sp, key);
    auto text = r_.string(s, sp, key);
    if (!text) return 0;
    uint32_t all = 0;
    for (const auto& st : p_.states) all |= st.value;
    std::string t = *text;
    const bool complement = !t.empty() && t[0] == '~';
    if (complement) t.erase(0, 1);
    uint32_t v = 0;
    size_t start = 0;
    while (start <= t.size()) {
      const size_t bar = t.find('|', start);
      const std::string name = t.substr(start, bar == std::string::npos ? std::string::npos : bar - start);
      const int idx = p_.state_index(name);
      if (name == "0") {
      } else if (idx < 0) {
        r_.problem(ptr, "expected state names joined by '|' (or 0), optionally after '~'; \"" + name + "\" is no state");
        return 0;
      } else {
        v |= p_.states[static_cast<size_t>(idx)].value;
      }
      if (bar == std::string::npos) break;
      start = bar + 1;
    }
    return complement ? (all & ~v) : v;
  }

  void message(const json& s, const std::string& sp, FlowStep& st, bool src) {
    auto m = r_.string(s, sp, "message");
    if (!m) {
      r_.problem(sp, "missing required key \"message\" for op \"" + std::string(st.op == StepOp::send ? "send" : "wait") + "\"");
      return;
    }
    if (!pick(r_, sp + "/message", *m, {{"setup", Message::setup}, {"end", Message::end}, {"result", Message::result}},
              st.message))
      return;
    // The stream runs from source to destination; the result comes back.
    const bool sender_is_source = st.message != Message::result;
    if ((st.op == StepOp::send) != (src == sender_is_source))
      r_.problem(sp + "/message", "the " + std::string(src ? "source" : "destination") + " VMM cannot " +
                                      (st.op == StepOp::send ? "send" : "wait for") + " \"" + *m + "\"");
    st.label = std::string(st.op == StepOp::send ? "send " : "wait for ") +
               (st.message == Message::setup ? "the stream's setup" : st.message == Message::end ? "the end of the stream"
                                                                                                : "the destination's result");
  }

  void cached_condition(const json& a, const std::string& ptr, FlowStep& st) {
    if (!r_.array(a, ptr, true)) return;
    std::string names;
    for (size_t i = 0; i < a.size(); ++i) {
      const int s = a[i].is_string() ? p_.state_index(a[i].get<std::string>()) : -1;
      if (s < 0) {
        r_.problem(JsonReader::child(ptr, i), "expected a state name");
        continue;
      }
      st.if_cached |= uint64_t{1} << s;
      names += (names.empty() ? "" : " or ") + p_.states[static_cast<size_t>(s)].name;
    }
    st.label += " (if QEMU's cached state is " + names + ")";
  }

  void blockers(const json& f, const std::string& ptr) {
    if (!f.contains("blocked")) return;
    const json& a = at(f, "blocked");
    if (!r_.array(a, ptr + "/blocked")) return;
    for (size_t i = 0; i < a.size(); ++i) {
      const std::string bp = JsonReader::child(ptr + "/blocked", i);
      if (!r_.object(a[i], bp, {"above_devices", "reason", "source"}, {"requires", "unless"})) continue;
      Blocker b;
      b.above_devices = static_cast<int>(r_.unsigned_int(a[i], bp, "above_devices", 64).value_or(0));
      b.reason = r_.string(a[i], bp, "reason").value_or("");
      b.source = r_.string(a[i], bp, "source").value_or("");
      b.when = refs_.condition(a[i], bp);
      p_.flow.blockers.push_back(b);
    }
  }
};

}  // namespace

void load_flow(JsonReader& r, const json& flow, Proposal& p, const ProposalRefs& refs) { FlowReader(r, p, refs).read(flow); }

}  // namespace migcheck
