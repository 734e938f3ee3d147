from django.apps import AppConfig


class YearlyReportConfig(AppConfig):
    """政府网站工作年度报表 (国办函〔2018〕12号), and the page-view counts it reads."""

    name = "yearly_report"
    verbose_name = "网站年度报表"

    def ready(self):
        from yearly_report import checks  # noqa: F401  registers the monitoring check
