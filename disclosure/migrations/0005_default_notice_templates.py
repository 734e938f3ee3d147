"""The standard wording of the six formal notices; administrators edit them under 信息公开设置."""

from django.db import migrations

TEMPLATES = {
    "receipt": (
        "政府信息公开申请登记回执",
        "${name}：\n本机关于${received}收到您提交的政府信息公开申请，申请编号为${number}。"
        "本机关将依照《中华人民共和国政府信息公开条例》的规定，自收到申请之日起20个工作日内予以答复，"
        "答复期限至${due}。您可凭申请编号和查询码在本网站查询办理进度。",
    ),
    "supplement": (
        "政府信息公开申请补正告知书",
        "${name}：\n本机关于${received}收到您的政府信息公开申请（编号${number}）。经审查，您的申请内容不明确，"
        "根据《中华人民共和国政府信息公开条例》第三十条的规定，请您于${until}前补正以下事项：\n${reason}\n"
        "答复期限自本机关收到补正后的申请之日起计算。无正当理由逾期不补正的，视为放弃申请，本机关不再处理该申请。",
    ),
    "extension": (
        "政府信息公开申请延期答复告知书",
        "${name}：\n本机关于${received}收到您的政府信息公开申请（编号${number}）。因${reason}，"
        "根据《中华人民共和国政府信息公开条例》第三十三条的规定，经政府信息公开工作机构负责人同意，"
        "答复期限延长${days}个工作日，本机关将于${due}前答复。",
    ),
    "consultation": (
        "征求第三方意见书",
        "你单位（你）好：\n本机关于${received}收到编号为${number}的政府信息公开申请，所申请公开的信息可能涉及你方合法权益。"
        "根据《中华人民共和国政府信息公开条例》第三十二条的规定，现书面征求你方意见：\n${reason}\n"
        "请于${until}前提出意见；逾期未提出意见的，由本机关依照条例规定决定是否公开。",
    ),
    "reply": (
        "政府信息公开申请答复告知书",
        "${name}：\n本机关于${received}收到您的政府信息公开申请（编号${number}）。经审查，现答复如下：\n"
        "办理结果：${outcome}\n${letter}\n"
        "如对本答复不服，可以自收到本答复之日起60日内依法申请行政复议，或者6个月内依法提起行政诉讼。",
    ),
    "fee": (
        "政府信息公开信息处理费收费通知书",
        "${name}：\n您的政府信息公开申请（编号${number}）需缴纳信息处理费${amount}元。"
        "收费依据：《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）。${reason}\n"
        "请于${until}前缴纳；逾期未缴纳的，视为放弃申请，本机关不再处理该申请。缴费期间不计入答复期限。",
    ),
}


def create(apps, schema_editor):
    NoticeTemplate = apps.get_model("disclosure", "NoticeTemplate")
    for kind, (title, body) in TEMPLATES.items():
        NoticeTemplate.objects.get_or_create(kind=kind, defaults={"title": title, "body": body})


class Migration(migrations.Migration):
    dependencies = [("disclosure", "0004_notices")]
    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
