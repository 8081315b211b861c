<#--
  MonEspace HTML e-mail layout, with the "ORDRE DES MÉDECINS" header.
  Table layout and inline styles: many mail clients drop <style> and flexbox.

      <#import "template.ftl" as layout>
      <@layout.emailLayout titleKey="monespaceCodeTitle">
          <@layout.paragraph key="monespaceCodeBody" args=[code]/>
          <@layout.button url=link labelKey="monespaceEmailOpenAction"/>
      </@layout.emailLayout>

  emailLayout  titleKey|title  optional heading (h1); preheaderKey|preheader
               optional preview line shown by mail clients next to the subject.
               Base's own templates call it without parameters.
  paragraph    key (+ args, up to 4) | text — one escaped paragraph;
               strong=true renders it bold (e.g. a one-time code)
  button       url, labelKey|label — a link styled as a button, followed by the
               raw URL for clients that block styled links
-->
<#macro emailLayout titleKey="" title="" preheaderKey="" preheader="">
<#local heading = title?has_content?then(title, titleKey?has_content?then(msg(titleKey), ""))>
<#local preview = preheader?has_content?then(preheader, preheaderKey?has_content?then(msg(preheaderKey), ""))>
<!DOCTYPE html>
<html lang="${locale.language}" dir="${(ltr!true)?then('ltr','rtl')}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>${subject!heading}</title>
</head>
<body style="margin:0;padding:0;background-color:#f4f6f9;">
<#if preview?has_content>
<div style="display:none;max-height:0;overflow:hidden;">${preview}</div>
</#if>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background-color:#f4f6f9;">
  <tr>
    <td align="center" style="padding:24px 12px;">
      <table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:600px;background-color:#ffffff;border:1px solid #d5dbe5;">
        <tr>
          <td style="background-color:#0a2350;border-bottom:4px solid #0b4fa8;padding:16px 24px;font-family:Arial,Helvetica,sans-serif;color:#ffffff;">
            <p style="margin:0;font-size:18px;line-height:24px;font-weight:bold;letter-spacing:1px;color:#ffffff;">${msg("monespaceEmailOrgName")}</p>
            <p style="margin:4px 0 0;font-size:14px;line-height:20px;color:#c9d3e3;">${msg("monespaceEmailServiceName")}</p>
          </td>
        </tr>
        <tr>
          <td style="padding:24px;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:24px;color:#1a1a1a;">
<#if heading?has_content>
            <h1 style="margin:0 0 16px;font-size:22px;line-height:28px;color:#0a2350;">${heading}</h1>
</#if>
<#nested>
          </td>
        </tr>
        <tr>
          <td style="padding:16px 24px;border-top:1px solid #d5dbe5;font-family:Arial,Helvetica,sans-serif;font-size:13px;line-height:20px;color:#4a5568;">
            ${msg("monespaceEmailFooter")}
          </td>
        </tr>
      </table>
    </td>
  </tr>
</table>
</body>
</html>
</#macro>

<#macro paragraph key="" text="" args=[] strong=false>
<#local body = text?has_content?then(text, fmt(key, args))>
            <p style="margin:0 0 16px;<#if strong>font-size:24px;line-height:32px;font-weight:bold;letter-spacing:2px;color:#0a2350;</#if>">${body}</p>
</#macro>

<#macro button url labelKey="" label="">
            <table role="presentation" cellpadding="0" cellspacing="0" border="0" style="margin:8px 0 16px;">
              <tr>
                <td style="background-color:#0a2350;border-radius:4px;">
                  <a href="${url}" style="display:inline-block;padding:12px 24px;font-family:Arial,Helvetica,sans-serif;font-size:16px;font-weight:bold;color:#ffffff;text-decoration:none;">${label?has_content?then(label, msg(labelKey))}</a>
                </td>
              </tr>
            </table>
            <p style="margin:0 0 16px;font-size:14px;line-height:20px;color:#4a5568;">${msg("monespaceEmailLinkFallback")}<br><a href="${url}" style="color:#0b4fa8;word-break:break-all;">${url}</a></p>
</#macro>

<#-- fmt(key, args) — message with up to 4 arguments. -->
<#function fmt key args=[]>
  <#switch args?size>
    <#case 0><#return msg(key)>
    <#case 1><#return msg(key, args[0])>
    <#case 2><#return msg(key, args[0], args[1])>
    <#case 3><#return msg(key, args[0], args[1], args[2])>
    <#default><#return msg(key, args[0], args[1], args[2], args[3])>
  </#switch>
</#function>
