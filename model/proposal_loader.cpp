#include "model/proposal_loader.hpp"

#include <cstdio>
#include <string_view>

#include "model/features.hpp"
#include "model/flow_loader.hpp"
#include "checker/input/json_reader.hpp"

namespace migcheck {
namespace {

// Names (ids, features, states) appear in file names, tables and reports.
constexpr size_t kMaxName = 64;

// Whether `name` is at most kMaxName characters, its first from `first` and
// the rest from `rest` (a character test: linear, unlike std::regex, which
// recurses per character).
bool spelled(std::string_view name, std::string_view first, std::string_view rest) {
  if (name.empty() || name.size() > kMaxName || first.find(name[0]) == std::string_view::npos) return false;
  return name.find_first_not_of(rest, 1) == std::string_view::npos;
}

// obj[key], or null where obj is no object or lacks the key: reading on
// after a recorded problem must never index a missing key (nlohmann's const
// operator[] is undefined there; found by fuzz/proposal_fuzzer).
const json& field(const json& obj, const char* key) {
  if (!obj.is_object()) return JsonReader::missing();
  auto it = obj.find(key);
  return it == obj.end() ? JsonReader::missing() : *it;
}

// A name as a message quotes it: never a whole megabyte.
std::string shortened(const std::string& name) { return name.size() > 80 ? name.substr(0, 77) + "..." : name; }

constexpr size_t kMaxFeatures = 8;   // 256 feature sets: every table is built for each
constexpr size_t kMaxStates = 64;    // device state indices are stored in one byte

std::string fnv1a_hex(const std::string& text) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : text) {
    h ^= c;
    h *= 1099511628211ull;
  }
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

class Loader {
 public:
  Loader(std::string file) : r_(std::move(file)) {}

  Proposal load(const json& root) {
    Proposal p;
    if (!r_.object(root, "",
                   {"id", "title", "origin", "interface", "states", "initial", "failure", "reset"},
                   {"$schema", "summary", "features", "outcomes", "default_outcome", "arcs", "refused",
                    "path_rules", "notes", "flow", "c_form"})) {
      r_.throw_if_problems();
    }
    p.id = id(root);
    p.title = r_.string(root, "", "title").value_or("");
    p.summary = r_.string(root, "", "summary").value_or("");
    origin(root, p);
    interface(root, p);
    features(root, p);
    states(root, p);
    // Every section is read even after a problem, so one run reports them
    // all; a state or feature whose own entry was faulty is still declared
    // under its name, so references to it raise no follow-on message.
    initial(root, p);
    if (p.interface == InterfaceKind::target_state) {
      forbid(root, {"outcomes", "default_outcome"}, "target-state");
      arcs(root, p);
      refusals(root, p);
      path_rules(root, p);
    } else {
      forbid(root, {"arcs", "refused", "path_rules"}, std::string(interface_name(p.interface)));
      outcomes(root, p);
    }
    failure(root, p);
    reset(root, p);
    flow(root, p);
    c_form(root, p);
    notes(root);
    r_.throw_if_problems();
    return p;
  }

 private:
  JsonReader r_;

  std::string id(const json& root) {
    auto v = r_.string(root, "", "id");
    if (v && !spelled(*v, "abcdefghijklmnopqrstuvwxyz0123456789", "abcdefghijklmnopqrstuvwxyz0123456789.-"))
      r_.problem("/id", "expected at most " + std::to_string(kMaxName) +
                            " lower-case letters, digits, '-' or '.', starting with a letter or digit; found \"" +
                            shortened(*v) + "\"");
    return v.value_or("");
  }

  void origin(const json& root, Proposal& p) {
    if (!root.contains("origin")) return;
    const json& o = field(root, "origin");
    if (!r_.object(o, "/origin", {"who", "when", "where"})) return;
    p.origin.who = r_.string(o, "/origin", "who").value_or("");
    p.origin.when = r_.string(o, "/origin", "when").value_or("");
    p.origin.where = r_.string(o, "/origin", "where").value_or("");
  }

  void interface(const json& root, Proposal& p) {
    if (!root.contains("interface")) return;
    const json& i = field(root, "interface");
    if (!r_.object(i, "/interface", {"kind", "source"})) return;
    auto kind = r_.string(i, "/interface", "kind");
    if (kind == "enum-write") p.interface = InterfaceKind::enum_write;
    else if (kind == "bitfield-write") p.interface = InterfaceKind::bitfield_write;
    else if (kind == "target-state") p.interface = InterfaceKind::target_state;
    else if (kind) r_.problem("/interface/kind", "expected \"enum-write\", \"bitfield-write\" or \"target-state\"; found \"" + *kind + "\"");
    p.interface_source = r_.string(i, "/interface", "source").value_or("");
  }

  void features(const json& root, Proposal& p) {
    if (!root.contains("features")) return;
    const json& fs = field(root, "features");
    if (!r_.array(fs, "/features")) return;
    if (fs.size() > kMaxFeatures)
      r_.problem("/features", "expected at most " + std::to_string(kMaxFeatures) + " features, found " +
                                  std::to_string(fs.size()));
    for (size_t i = 0; i < fs.size() && i < kMaxFeatures; ++i) {
      std::string ptr = JsonReader::child("/features", i);
      if (!r_.object(fs[i], ptr, {"name", "description", "source"}, {"value"})) continue;
      Feature f;
      f.name = r_.string(fs[i], ptr, "name").value_or("");
      if (!f.name.empty() && !spelled(f.name, "abcdefghijklmnopqrstuvwxyz", "abcdefghijklmnopqrstuvwxyz0123456789-"))
        r_.problem(ptr + "/name", "expected a lower-case name ([a-z][a-z0-9-]*, at most " + std::to_string(kMaxName) +
                                      " characters); found \"" + shortened(f.name) + "\"");
      if (!f.name.empty() && p.feature_index(f.name) >= 0)
        r_.problem(ptr + "/name", "duplicate feature name \"" + f.name + "\"");
      if (f.name == "none") r_.problem(ptr + "/name", "\"none\" is reserved for the empty feature set");
      f.value = static_cast<uint32_t>(r_.unsigned_int(fs[i], ptr, "value", UINT32_MAX).value_or(0));
      for (const auto& other : p.features)
        if (f.value != 0 && other.value == f.value)
          r_.problem(ptr + "/value", "value " + std::to_string(f.value) + " is already the value of feature \"" +
                                         other.name + "\"; each feature has its own bit");
      f.description = r_.string(fs[i], ptr, "description").value_or("");
      f.source = r_.string(fs[i], ptr, "source").value_or("");
      p.features.push_back(f);
    }
  }

  FeatureSet feature_names(const json& obj, const std::string& ptr, std::string_view key, const Proposal& p) {
    FeatureSet out = 0;
    if (!obj.is_object() || !obj.contains(key)) return out;
    const json& a = obj.at(std::string(key));
    std::string aptr = JsonReader::child(ptr, key);
    if (!r_.array(a, aptr)) return out;
    for (size_t i = 0; i < a.size(); ++i) {
      if (!a[i].is_string()) {
        r_.problem(JsonReader::child(aptr, i), "expected a feature name (string), found " + json_type(a[i]));
        continue;
      }
      int f = p.feature_index(a[i].get<std::string>());
      if (f < 0) {
        std::string valid;
        for (const auto& feat : p.features) valid += (valid.empty() ? "" : ", ") + feat.name;
        r_.problem(JsonReader::child(aptr, i), "unknown feature \"" + a[i].get<std::string>() +
                                                   "\"; expected one of: " + (valid.empty() ? "(no features declared)" : valid));
        continue;
      }
      out |= FeatureSet{1} << f;
    }
    return out;
  }

  Condition condition(const json& obj, const std::string& ptr, const Proposal& p) {
    Condition c{feature_names(obj, ptr, "requires", p), feature_names(obj, ptr, "unless", p)};
    if (c.requires & c.unless) r_.problem(ptr, "a feature is both required and excluded: the rule can never apply");
    return c;
  }

  int state_ref(const json& obj, const std::string& ptr, std::string_view key, const Proposal& p) {
    auto name = r_.string(obj, ptr, key);
    if (!name) return -1;
    int s = p.state_index(*name);
    if (s < 0) r_.problem(JsonReader::child(ptr, key), "unknown state \"" + *name + "\"; expected one of: " + state_list(p));
    return s;
  }

  static std::string state_list(const Proposal& p) {
    std::string out;
    for (const auto& s : p.states) out += (out.empty() ? "" : ", ") + s.name;
    return out;
  }

  FlagSet flag_list(const json& a, const std::string& ptr) {
    FlagSet out = 0;
    if (!r_.array(a, ptr)) return out;
    for (size_t i = 0; i < a.size(); ++i) {
      std::string fptr = JsonReader::child(ptr, i);
      auto f = a[i].is_string() ? flag_from_name(a[i].get<std::string>()) : std::nullopt;
      if (!f) {
        r_.problem(fptr, "unknown flag " + a[i].dump() + "; expected one of: " + all_flag_names());
        continue;
      }
      if (has(out, *f)) r_.problem(fptr, "flag \"" + std::string(flag_name(*f)) + "\" listed twice");
      out |= bit(*f);
    }
    return out;
  }

  void states(const json& root, Proposal& p) {
    if (!root.contains("states")) return;
    const json& ss = field(root, "states");
    if (!r_.array(ss, "/states", true)) return;
    if (ss.size() > kMaxStates)
      r_.problem("/states", "expected at most " + std::to_string(kMaxStates) + " states, found " + std::to_string(ss.size()));
    for (size_t i = 0; i < ss.size() && i < kMaxStates; ++i) {
      std::string ptr = JsonReader::child("/states", i);
      if (!r_.object(ss[i], ptr, {"name", "value", "flags", "source"},
                     {"description", "conditional_flags", "requires", "unless"}))
        continue;
      StateSpec s;
      s.name = r_.string(ss[i], ptr, "name").value_or("");
      if (!s.name.empty() && !spelled(s.name, "ABCDEFGHIJKLMNOPQRSTUVWXYZ", "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_|"))
        r_.problem(ptr + "/name", "expected an upper-case name ([A-Z][A-Z0-9_|]*, at most " + std::to_string(kMaxName) +
                                      " characters); found \"" + shortened(s.name) + "\"");
      if (!s.name.empty() && p.state_index(s.name) >= 0)
        r_.problem(ptr + "/name", "duplicate state name \"" + s.name + "\"");
      auto v = r_.unsigned_int(ss[i], ptr, "value", UINT32_MAX);
      if (v) {
        for (const auto& other : p.states)
          if (other.value == *v)
            r_.problem(ptr + "/value", "value " + std::to_string(*v) + " is already the encoding of state " + other.name);
        s.value = static_cast<uint32_t>(*v);
      }
      s.description = r_.string(ss[i], ptr, "description").value_or("");
      if (ss[i].contains("flags")) s.flags = flag_list(field(ss[i], "flags"), ptr + "/flags");
      if (has(s.flags, Flag::error) && has(s.flags, Flag::requestable))
        r_.problem(ptr + "/flags", "an error state cannot be requestable");
      if (ss[i].contains("conditional_flags")) conditional_flags(field(ss[i], "conditional_flags"), ptr + "/conditional_flags", p, s);
      s.present = condition(ss[i], ptr, p);
      s.source = r_.string(ss[i], ptr, "source").value_or("");
      p.states.push_back(s);
    }
    int errors = 0;
    for (const auto& s : p.states) errors += has(s.flags, Flag::error);
    if (errors > 1) r_.problem("/states", "expected at most one state with the \"error\" flag, found " + std::to_string(errors));
  }

  void conditional_flags(const json& a, const std::string& ptr, const Proposal& p, StateSpec& s) {
    if (!r_.array(a, ptr)) return;
    for (size_t i = 0; i < a.size(); ++i) {
      std::string cptr = JsonReader::child(ptr, i);
      if (!r_.object(a[i], cptr, {"flag", "source"}, {"requires", "unless"})) continue;
      auto name = r_.string(a[i], cptr, "flag");
      auto f = name ? flag_from_name(*name) : std::nullopt;
      if (name && !f) r_.problem(cptr + "/flag", "unknown flag \"" + *name + "\"; expected one of: " + all_flag_names());
      Condition c = condition(a[i], cptr, p);
      if (c.requires == 0 && c.unless == 0)
        r_.problem(cptr, "a conditional flag needs \"requires\" or \"unless\"; otherwise list it in \"flags\"");
      if (f) s.conditional_flags.push_back({*f, c, r_.string(a[i], cptr, "source").value_or("")});
    }
  }

  void initial(const json& root, Proposal& p) {
    if (!root.contains("initial")) return;
    const json& a = field(root, "initial");
    if (!r_.array(a, "/initial", true)) return;
    for (size_t i = 0; i < a.size(); ++i) {
      std::string ptr = JsonReader::child("/initial", i);
      if (!r_.object(a[i], ptr, {"state", "source"}, {"requires", "unless"})) continue;
      InitialSpec in{state_ref(a[i], ptr, "state", p), condition(a[i], ptr, p), r_.string(a[i], ptr, "source").value_or("")};
      p.initial.push_back(in);
    }
    if (!r_.problems().empty()) return;
    for (FeatureSet f : p.feature_sets()) {
      int count = 0;
      for (const auto& in : p.initial) {
        if (!in.when.holds(f)) continue;
        ++count;
        if (!p.states[in.state].present.holds(f))
          r_.problem("/initial", "initial state " + p.states[in.state].name + " does not exist with features " +
                                     feature_set_name(p, f));
      }
      if (count != 1)
        r_.problem("/initial", "expected exactly one initial state for features " + feature_set_name(p, f) +
                                   ", found " + std::to_string(count));
    }
  }

  static OutcomeKind outcome_kind(const std::string& s, bool& ok) {
    ok = true;
    if (s == "transition") return OutcomeKind::transition;
    if (s == "reject") return OutcomeKind::reject;
    if (s == "undefined") return OutcomeKind::undefined;
    ok = false;
    return OutcomeKind::undefined;
  }

  // A rule that applies in a feature set must only name states that exist there.
  void check_present(const Proposal& p, const std::string& ptr, Condition when, std::initializer_list<int> states) {
    for (FeatureSet f : p.feature_sets()) {
      if (!when.holds(f)) continue;
      for (int s : states)
        if (s >= 0 && !p.states[s].present.holds(f)) {
          r_.problem(ptr, "rule applies with features " + feature_set_name(p, f) + " but state " + p.states[s].name +
                              " does not exist there; add \"requires\"/\"unless\" to the rule");
          return;
        }
    }
  }

  void outcomes(const json& root, Proposal& p) {
    if (!root.contains("default_outcome")) {
      r_.problem("", "missing required key \"default_outcome\" (" + std::string(interface_name(p.interface)) +
                         " proposals state what every unlisted (state, request) pair does)");
    } else {
      const json& d = field(root, "default_outcome");
      if (r_.object(d, "/default_outcome", {"outcome", "source"})) {
        bool ok = false;
        auto k = r_.string(d, "/default_outcome", "outcome");
        if (k) p.default_outcome.kind = outcome_kind(*k, ok);
        if (k && (!ok || p.default_outcome.kind == OutcomeKind::transition))
          r_.problem("/default_outcome/outcome", "expected \"reject\" or \"undefined\"; found \"" + *k + "\"");
        p.default_outcome.source = r_.string(d, "/default_outcome", "source").value_or("");
      }
    }
    if (!root.contains("outcomes")) return;
    const json& a = field(root, "outcomes");
    if (!r_.array(a, "/outcomes")) return;
    for (size_t i = 0; i < a.size(); ++i) {
      std::string ptr = JsonReader::child("/outcomes", i);
      if (!r_.object(a[i], ptr, {"from", "request", "outcome", "source"}, {"to", "requires", "unless"})) continue;
      OutcomeRule rule;
      rule.request = state_ref(a[i], ptr, "request", p);
      bool ok = false;
      auto k = r_.string(a[i], ptr, "outcome");
      if (k) rule.kind = outcome_kind(*k, ok);
      if (k && !ok) r_.problem(ptr + "/outcome", "expected \"transition\", \"reject\" or \"undefined\"; found \"" + *k + "\"");
      if (ok && rule.kind == OutcomeKind::transition && !a[i].contains("to"))
        r_.problem(ptr, "missing required key \"to\" (a transition names the state it leads to)");
      if (ok && rule.kind != OutcomeKind::transition && a[i].contains("to"))
        r_.problem(ptr + "/to", "only a transition has a \"to\" state");
      if (a[i].contains("to")) rule.to = state_ref(a[i], ptr, "to", p);
      rule.when = condition(a[i], ptr, p);
      rule.source = r_.string(a[i], ptr, "source").value_or("");
      for (auto [from, fptr] : from_list(a[i], ptr, p)) {
        rule.from = from;
        check_present(p, fptr, rule.when, {rule.from, rule.request, rule.to});
        for (const auto& other : p.outcomes)
          if (other.from == rule.from && other.request == rule.request && overlaps(p, other.when, rule.when))
            r_.problem(fptr, "a second outcome for (" + p.states[from].name + ", " +
                                 (rule.request >= 0 ? p.states[rule.request].name : "?") + ") in the same feature set");
        p.outcomes.push_back(rule);
      }
    }
  }

  // "from" is one state name or a list of them.
  std::vector<std::pair<int, std::string>> from_list(const json& obj, const std::string& ptr, const Proposal& p) {
    std::vector<std::pair<int, std::string>> out;
    if (!obj.contains("from")) return out;
    const json& f = field(obj, "from");
    if (f.is_string()) {
      int s = state_ref(obj, ptr, "from", p);
      if (s >= 0) out.emplace_back(s, ptr + "/from");
      return out;
    }
    if (!f.is_array() || f.empty()) {
      r_.problem(ptr + "/from", "expected a state name or a non-empty array of state names, found " + json_type(f));
      return out;
    }
    for (size_t i = 0; i < f.size(); ++i) {
      std::string eptr = JsonReader::child(ptr + "/from", i);
      int s = f[i].is_string() ? p.state_index(f[i].get<std::string>()) : -1;
      if (s < 0) r_.problem(eptr, "unknown state " + f[i].dump() + "; expected one of: " + state_list(p));
      else out.emplace_back(s, eptr);
    }
    return out;
  }

  static bool overlaps(const Proposal& p, Condition a, Condition b) {
    for (FeatureSet f : p.feature_sets())
      if (a.holds(f) && b.holds(f)) return true;
    return false;
  }

  void arcs(const json& root, Proposal& p) {
    if (!root.contains("arcs")) {
      r_.problem("", "missing required key \"arcs\" (a target-state proposal lists the direct arcs the driver implements)");
      return;
    }
    const json& a = field(root, "arcs");
    if (!r_.array(a, "/arcs", true)) return;
    for (size_t i = 0; i < a.size(); ++i) {
      std::string ptr = JsonReader::child("/arcs", i);
      if (!r_.object(a[i], ptr, {"from", "to", "source"}, {"requires", "unless"})) continue;
      ArcSpec arc{state_ref(a[i], ptr, "from", p), state_ref(a[i], ptr, "to", p), condition(a[i], ptr, p),
                  r_.string(a[i], ptr, "source").value_or("")};
      if (arc.from >= 0 && arc.from == arc.to) r_.problem(ptr, "an arc must lead to a different state");
      if (arc.to >= 0 && !has(p.states[arc.to].flags, Flag::valid))
        r_.problem(ptr + "/to", "an arc cannot lead into a state that is not a valid encoding");
      check_present(p, ptr, arc.when, {arc.from, arc.to});
      for (const auto& other : p.arcs)
        if (other.from == arc.from && other.to == arc.to && overlaps(p, other.when, arc.when))
          r_.problem(ptr, "duplicate arc");
      p.arcs.push_back(arc);
    }
  }

  void refusals(const json& root, Proposal& p) {
    if (!root.contains("refused")) return;
    const json& a = field(root, "refused");
    if (!r_.array(a, "/refused")) return;
    for (size_t i = 0; i < a.size(); ++i) {
      std::string ptr = JsonReader::child("/refused", i);
      if (!r_.object(a[i], ptr, {"from", "to", "source"})) continue;
      RefusalSpec r{state_ref(a[i], ptr, "from", p), state_ref(a[i], ptr, "to", p), r_.string(a[i], ptr, "source").value_or("")};
      for (size_t k = 0; k < p.arcs.size(); ++k)
        if (r.from >= 0 && r.to >= 0 && p.arcs[k].from == r.from && p.arcs[k].to == r.to)
          r_.problem(ptr, "the pair " + p.states[r.from].name + " -> " + p.states[r.to].name +
                              " is also a direct arc (/arcs/" + std::to_string(k) + "); a pair is either an arc or refused");
      p.refusals.push_back(r);
    }
  }

  void path_rules(const json& root, Proposal& p) {
    if (!root.contains("path_rules")) {
      r_.problem("", "missing required key \"path_rules\" (cite where the path rules of this interface come from)");
      return;
    }
    if (r_.object(field(root, "path_rules"), "/path_rules", {"source"}))
      p.path_rules_source = r_.string(field(root, "path_rules"), "/path_rules", "source").value_or("");
  }

  void failure(const json& root, Proposal& p) {
    if (!root.contains("failure")) return;
    const json& f = field(root, "failure");
    if (!r_.object(f, "/failure", {"leaves", "source"}) || !f.contains("leaves")) return;
    p.failure.source = r_.string(f, "/failure", "source").value_or("");
    const json& leaves = field(f, "leaves");
    if (!r_.array(leaves, "/failure/leaves", true)) return;
    for (size_t i = 0; i < leaves.size(); ++i) {
      std::string ptr = JsonReader::child("/failure/leaves", i);
      std::string v = leaves[i].is_string() ? leaves[i].get<std::string>() : leaves[i].dump();
      if (v == "original") p.failure.original = true;
      else if (v == "path") p.failure.path = true;
      else if (v == "error") p.failure.error = true;
      else if (v == "unspecified") p.failure.unspecified = true;
      else r_.problem(ptr, "expected \"original\", \"path\", \"error\" or \"unspecified\"; found " + leaves[i].dump());
      if (v == "error" && p.error_state() < 0)
        r_.problem(ptr, "a failure can leave the error state only if a state has the \"error\" flag");
      if (v == "path" && p.interface != InterfaceKind::target_state)
        r_.problem(ptr, "\"path\" applies only to target-state interfaces, where a request walks several arcs");
    }
  }

  void reset(const json& root, Proposal& p) {
    if (!root.contains("reset")) return;
    const json& r = field(root, "reset");
    if (!r_.object(r, "/reset", {"to", "ends_sessions", "source"})) return;
    if (r.contains("to") && field(r, "to") == "initial") {
      p.reset.to_initial = true;
    } else if (r.contains("to") && !field(r, "to").is_null()) {
      int s = state_ref(r, "/reset", "to", p);
      if (s >= 0) p.reset.to = s;
    }
    p.reset.ends_sessions = r_.boolean(r, "/reset", "ends_sessions").value_or(false);
    p.reset.source = r_.string(r, "/reset", "source").value_or("");
  }

  void flow(const json& root, Proposal& p) {
    if (!root.contains("flow")) return;
    ProposalRefs refs{[&](const json& obj, const std::string& ptr, std::string_view key) { return state_ref(obj, ptr, key, p); },
                      [&](const json& obj, const std::string& ptr) { return condition(obj, ptr, p); }};
    load_flow(r_, field(root, "flow"), p, refs);
  }

  void c_form(const json& root, Proposal& p) {
    if (!root.contains("c_form")) return;
    const json& c = field(root, "c_form");
    const std::string ptr = "/c_form";
    if (!r_.object(c, ptr, {"state_prefix", "table", "flags_table", "mandatory_flag", "feature_names", "source"})) return;
    if (p.interface != InterfaceKind::target_state) r_.problem(ptr, "only a target-state proposal has a next-step table");
    CForm& f = p.c_form;
    f.present = true;
    f.state_prefix = r_.string(c, ptr, "state_prefix").value_or("");
    f.table = r_.string(c, ptr, "table").value_or("");
    f.flags_table = r_.string(c, ptr, "flags_table").value_or("");
    f.source = r_.string(c, ptr, "source").value_or("");
    if (r_.object(field(c, "mandatory_flag"), ptr + "/mandatory_flag", {"name", "value"})) {
      f.mandatory_name = r_.string(field(c, "mandatory_flag"), ptr + "/mandatory_flag", "name").value_or("");
      f.mandatory_value = static_cast<uint32_t>(r_.unsigned_int(field(c, "mandatory_flag"), ptr + "/mandatory_flag", "value", UINT32_MAX).value_or(0));
    }
    f.feature_names.assign(p.features.size(), "");
    if (&field(c, "feature_names") != &JsonReader::missing() && !field(c, "feature_names").is_object())
      r_.problem(ptr + "/feature_names", "expected an object from feature names to C macro names, found " + json_type(field(c, "feature_names")));
    if (field(c, "feature_names").is_object())
      for (const auto& item : field(c, "feature_names").items()) {
        int i = p.feature_index(item.key());
        if (i < 0 || !item.value().is_string())
          r_.problem(JsonReader::child(ptr + "/feature_names", item.key()), "expected a feature name mapped to its C macro name");
        else
          f.feature_names[static_cast<size_t>(i)] = item.value().get<std::string>();
      }
    for (size_t i = 0; i < p.features.size(); ++i)
      if (f.feature_names[i].empty())
        r_.problem(ptr + "/feature_names", "missing the C name of feature \"" + p.features[i].name + "\"");
  }

  void notes(const json& root) {
    if (!root.contains("notes")) return;
    const json& n = field(root, "notes");
    if (!r_.array(n, "/notes")) return;
    for (size_t i = 0; i < n.size(); ++i)
      if (!n[i].is_string()) r_.problem(JsonReader::child("/notes", i), "expected a string, found " + json_type(n[i]));
  }

  void forbid(const json& root, std::initializer_list<const char*> keys, const std::string& kind) {
    for (const char* k : keys)
      if (root.contains(k))
        r_.problem(std::string("/") + k, "not allowed for an interface of kind " + kind);
  }
};

}  // namespace

Proposal load_proposal_text(const std::string& file, const std::string& text) {
  json root = parse_json_text(file, text);
  Proposal p = Loader(file).load(root);
  p.file = file;
  p.digest = fnv1a_hex(text);
  return p;
}

Proposal load_proposal_file(const std::string& file) { return load_proposal_text(file, read_file_text(file)); }

}  // namespace migcheck
