<#-- Logout confirmation (RP-initiated logout without id_token_hint). -->
<#import "template.ftl" as layout>
<#import "monespace.ftl" as me>
<@layout.registrationLayout; section>
    <#if section = "header">
        ${msg("logoutConfirmTitle")}
    <#elseif section = "form">
        <@me.text key="logoutConfirmHeader"/>
        <@me.form action=url.logoutConfirmAction id="kc-logout-confirm">
            <input type="hidden" name="session_code" value="${logoutConfirm.code}">
            <@me.actions>
                <@me.primaryButton labelKey="doLogout" name="confirmLogout" id="kc-logout"/>
            </@me.actions>
        </@me.form>
        <#if !logoutConfirm.skipLink && (client.baseUrl)?has_content>
            <@me.linkRow links=[{"url": client.baseUrl, "key": "backToApplication"}]/>
        </#if>
    </#if>
</@layout.registrationLayout>
