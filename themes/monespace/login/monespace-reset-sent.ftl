<#--
  SPEC §4.1, after submission: the same neutral confirmation whether or not the address has an
  espace (nothing here may depend on it). Attribute: linkValidity, the links' lifespan in words.
-->
<#import "template.ftl" as layout>
<#import "monespace.ftl" as me>
<@layout.registrationLayout displayInfo=true; section>
  <#if section = "header">
    ${msg("monespaceResetTitle")}
  <#elseif section = "form">
    <@me.messageBox type="success" key="monespaceResetSent" args=[linkValidity] id="me-reset-sent"/>
  <#elseif section = "info">
    <@me.linkRow links=[{"url": url.loginUrl, "key": "monespaceBackToLogin"},
                        {"url": url.loginResetCredentialsUrl, "key": "monespaceResetAgain"}]/>
  </#if>
</@layout.registrationLayout>
