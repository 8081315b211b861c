<#ftl output_format="plainText">
<#--
  MonEspace plain-text e-mail layout: same header and footer as html/template.ftl,
  same macros (emailLayout, paragraph, button) so a mail's html and text
  versions read alike.

      <#ftl output_format="plainText">
      <#import "template.ftl" as layout>
      <@layout.emailLayout titleKey="monespaceCodeTitle">
      <@layout.paragraph key="monespaceCodeBody" args=[code]/>
      </@layout.emailLayout>
-->
<#macro emailLayout titleKey="" title="" preheaderKey="" preheader="">
<#local heading = title?has_content?then(title, titleKey?has_content?then(msg(titleKey), ""))>
${msg("monespaceEmailOrgName")} - ${msg("monespaceEmailServiceName")}
==========================================

<#if heading?has_content>
${heading}

</#if>
<#nested>
--
${msg("monespaceEmailFooter")}
</#macro>

<#macro paragraph key="" text="" args=[] strong=false>
${text?has_content?then(text, fmt(key, args))}

</#macro>

<#macro button url labelKey="" label="">
${label?has_content?then(label, msg(labelKey))} :
${url}

</#macro>

<#function fmt key args=[]>
  <#switch args?size>
    <#case 0><#return msg(key)>
    <#case 1><#return msg(key, args[0])>
    <#case 2><#return msg(key, args[0], args[1])>
    <#case 3><#return msg(key, args[0], args[1], args[2])>
    <#default><#return msg(key, args[0], args[1], args[2], args[3])>
  </#switch>
</#function>
