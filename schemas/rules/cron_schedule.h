// CronJob schedules as the API server parses them: robfig/cron/v3's
// ParseStandard (five fields: minute hour day-of-month month day-of-week, or a
// @descriptor), which k8s.io/kubernetes/pkg/apis/batch/validation calls.
#pragma once

#include <string>
#include <string_view>

namespace mast::rules {

// Why `schedule` does not parse, worded for a finding, or "" when it parses.
// A leading `TZ=zone ` or `CRON_TZ=zone ` is skipped like the parser does
// (the zone is not checked); rejecting it is the caller's business.
std::string CronScheduleProblem(std::string_view schedule);

}  // namespace mast::rules
