<#--
  Screens 2.2 "Sécuriser la création de votre espace" and 3.2 "Sécuriser la récupération de votre espace".
  Attributes: journey, channels [{id, masked}], selectedChannel; field error on channel.
-->
<#import "template.ftl" as layout>
<#import "monespace.ftl" as me>
<#assign recovery = (journey!"creation") == "recovery">
<#assign options = []>
<#list channels as c>
  <#assign options = options + [{"value": c.id, "labelKey": (c.id == "sms")?then("monespaceChannelSms", "monespaceChannelEmail"), "labelArgs": [c.masked]}]>
</#list>
<@layout.registrationLayout displayInfo=true; section>
  <#if section = "header">
    ${msg(recovery?then("monespaceSecureRecoveryTitle", "monespaceSecureCreationTitle"))}
  <#elseif section = "form">
    <@me.text key=recovery?then("monespaceSecureRecoveryText", "monespaceSecureCreationText") id="me-channel-intro"/>
    <@me.form action=url.loginAction id="me-channel-form">
      <@me.radioGroup name="channel" legendKey="monespaceChannelLegend" legendHidden=true options=options
          selected=selectedChannel!""/>
      <@me.actions>
        <@me.primaryButton labelKey="monespaceReceiveCode" name="action" value="send"/>
        <@me.secondaryButton labelKey="monespaceBack" value="back" style="link"/>
      </@me.actions>
    </@me.form>
  <#elseif section = "info">
    <@me.linkRow links=[{"url": me.configUrl("monespaceSupportUrl"), "key": "monespaceSupport"}]/>
  </#if>
</@layout.registrationLayout>
