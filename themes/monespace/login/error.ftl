<#--
  Generic error page (expired or reused links, invalid requests…). Shows the
  French message and a way back, never technical details; the trace id, when
  tracing is on, is offered for the support desk.
-->
<#import "template.ftl" as layout>
<#import "monespace.ftl" as me>
<@layout.registrationLayout displayMessage=false pageError=true; section>
    <#if section = "header">
        ${msg("monespaceErrorTitle")}
    <#elseif section = "form">
        <@me.messageBox type="error" text=(message.summary)!msg("internalServerError") id="me-error-message"/>
        <#if traceId??>
            <p class="me-text me-hint" id="traceId">${msg("traceIdSupportMessage", traceId)}</p>
        </#if>
        <#if !skipLink??>
            <#if (client.baseUrl)?has_content>
                <@me.linkRow links=[{"url": client.baseUrl, "key": "backToApplication", "id": "backToApplication"}]/>
            <#else>
                <@me.linkRow links=[{"url": me.configUrl("monespaceHomeUrl"), "key": "monespaceBackToHome", "id": "backToApplication"}]/>
            </#if>
        </#if>
    </#if>
</@layout.registrationLayout>
