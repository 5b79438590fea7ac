// E0733: a CronJob `schedule` is a standard cron expression (five fields or a
// @descriptor) without a `TZ=`/`CRON_TZ=` prefix, which the API server
// rejects in favour of `spec.timeZone`.
//
// Mirrors pkg/apis/batch/validation.validateScheduleFormat (robfig/cron/v3
// ParseStandard; "cannot use TZ or CRON_TZ in schedule, use timeZone field
// instead").
#include "schemas/rules/cron_schedule.h"
#include "schemas/rules/messages.h"
#include "schemas/rules/rules.h"

namespace mast::rules {

namespace {

void CheckCronSchedule(const RuleContext& context) {
  if (!context.Is("batch", "CronJob")) return;
  const Node schedule = context.root()["spec"]["schedule"];
  const std::string* text = schedule.String();
  if (text == nullptr) return;
  if (text->find("TZ") != std::string::npos) {
    context.Report(DiagnosticCode::E0733, schedule,
                   "`schedule` " + Code(*text) +
                       " names a time zone; the API server rejects `TZ=` and `CRON_TZ=` "
                       "here, set `spec.timeZone` instead");
  }
  const std::string problem = CronScheduleProblem(*text);
  if (!problem.empty()) {
    context.Report(DiagnosticCode::E0733, schedule, "invalid `schedule` " + Code(*text) + ": " + problem);
  }
}

}  // namespace

const Rule kCronScheduleRule = {
    DiagnosticCode::E0733, "CronJob schedules are valid cron expressions without a time zone",
    "pkg/apis/batch/validation.validateScheduleFormat (robfig/cron/v3 ParseStandard)", &CheckCronSchedule};

}  // namespace mast::rules
