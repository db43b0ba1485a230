# shellcheck shell=sh
# The report CronJob's command: one `dangboctl report` of the configured scope and period,
# written to the reports volume under a name that says what it is and the day it was made:
#
#   /reports/<organization id>_<period>_<YYYY-MM-DD>.<md|csv|json>
#   e.g. /reports/1_quarter-2025-2_2025-07-01.md
#
# (characters other than letters, digits and '-' in the period become '-', so that the names
# survive `kubectl cp` and spreadsheets). dangboctl writes the file whole or not at all, and
# this script exits with its status, so a failed run leaves no report and fails the Job.
#
# DANGBO_REPORT_SCOPE   organizations/ID
# DANGBO_REPORT_PERIOD  a dangboctl period: 2025, quarter:2025-2, month:2025-03, ...
# DANGBO_REPORT_FORMAT  markdown (default), csv or json
# DANGBO_REPORT_DIR     where the volume is mounted (default /reports)
# TZ                    the day in the name is the local day (POSIX TZ; ICT-7 is Vietnam's)
# Connection: DANGBO_REPORTING, DANGBO_MEMBERSHIP, DANGBO_TOKEN_FILE, DANGBO_TLS_*_FILE, as
# every dangboctl command reads them.
set -eu
PATH=/usr/local/bin:/usr/bin:/bin
export PATH

# `text` with every character outside [A-Za-z0-9-] replaced by '-' (POSIX sh, no tr or sed:
# the image holds a shell and date only).
file_name_part() {
  rest=$1
  part=
  while [ -n "${rest}" ]; do
    char=${rest%"${rest#?}"}
    rest=${rest#?}
    case ${char} in
      [A-Za-z0-9-]) part=${part}${char} ;;
      *) part=${part}- ;;
    esac
  done
  printf '%s' "${part}"
}

scope=${DANGBO_REPORT_SCOPE:?DANGBO_REPORT_SCOPE names no organization}
period=${DANGBO_REPORT_PERIOD:?DANGBO_REPORT_PERIOD names no period}
format=${DANGBO_REPORT_FORMAT:-markdown}
dir=${DANGBO_REPORT_DIR:-/reports}
case ${format} in
  markdown) extension=md ;;
  csv | json) extension=${format} ;;
  *)
    echo "write-report: DANGBO_REPORT_FORMAT must be markdown, csv or json, not '${format}'" >&2
    exit 2
    ;;
esac
day=$(date +%Y-%m-%d)
file="${dir}/$(file_name_part "${scope#organizations/}")_$(file_name_part "${period}")_${day}.${extension}"

echo "write-report: ${scope}, period ${period}, to ${file}" >&2
exec dangboctl report --scope="${scope}" --period="${period}" --format="${format}" \
  --output="${file}"
