<#--
  Generic information page (action done, e-mail sent, required actions…).
  The heading is the page's messageHeader when Keycloak gives one, else a
  neutral title; the message itself goes in a status box.
-->
<#import "template.ftl" as layout>
<#import "monespace.ftl" as me>
<#assign infoType = (message.type)!"info">
<@layout.registrationLayout displayMessage=false pageError=(infoType == "error"); section>
    <#if section = "header">
        <#if messageHeader??>${msg(messageHeader)}<#elseif infoType == "error">${msg("monespaceErrorTitle")}<#else>${msg("monespaceInfoTitle")}</#if>
    <#elseif section = "form">
        <@me.messageBox type=(infoType == "warning")?then("info", infoType) text=(message.summary)!"" id="me-info-message">
            <#if requiredActions??>
                <ul class="me-box__text">
                    <#list requiredActions as requiredAction>
                        <li>${msg("requiredAction." + requiredAction)}</li>
                    </#list>
                </ul>
            </#if>
        </@me.messageBox>
        <#if !skipLink??>
            <#if pageRedirectUri?has_content>
                <@me.linkRow links=[{"url": pageRedirectUri, "key": "backToApplication"}]/>
            <#elseif actionUri?has_content>
                <@me.actions><a class="me-btn me-btn--primary" href="${actionUri}">${msg("proceedWithAction")}</a></@me.actions>
            <#elseif (client.baseUrl)?has_content>
                <@me.linkRow links=[{"url": client.baseUrl, "key": "backToApplication"}]/>
            <#else>
                <@me.linkRow links=[{"url": me.configUrl("monespaceHomeUrl"), "key": "monespaceBackToHome"}]/>
            </#if>
        </#if>
    </#if>
</@layout.registrationLayout>
