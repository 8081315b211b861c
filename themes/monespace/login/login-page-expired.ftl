<#--
  Shown when a step of a flow is replayed (Back button, form left open too
  long): say so plainly and offer both ways on — resume or start over.
-->
<#import "template.ftl" as layout>
<#import "monespace.ftl" as me>
<@layout.registrationLayout; section>
    <#if section = "header">
        ${msg("pageExpiredTitle")}
    <#elseif section = "form">
        <@me.text key="monespacePageExpiredText" id="instruction1"/>
        <@me.actions>
            <a class="me-btn me-btn--primary" id="loginContinueLink" href="${url.loginAction}">${msg("monespacePageExpiredContinue")}</a>
            <a class="me-btn me-btn--secondary" id="loginRestartLink" href="${url.loginRestartFlowUrl}">${msg("monespacePageExpiredRestart")}</a>
        </@me.actions>
    </#if>
</@layout.registrationLayout>
